// Deep nesting: docker's Go decoder reads up to 10,000 nested arrays/objects and stops after that with
// "exceeded max depth" (encoding/json scanner.go, maxNestingDepth). `check` must read such files without
// overflowing its call stack (it used to end the whole run with "internal error: Maximum call stack size
// exceeded", exit 2, nothing on stdout), report Go's limit where Go does, and still report every other file.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { visit } from 'jsonc-parser';
import { analyze } from '../../src/core';
import { JsonVisitor, visitJson } from '../../src/core/json/reader';
import { ONE_FINDING, assertExit, runCli, tempDir, write } from './check-support';

let dir: string;
before(() => {
  dir = tempDir('dcg-deep-');
  write(path.join(dir, 'other.json'), ONE_FINDING);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const PREFIX = '{"auths":{"deep.example":{}},"x":';

/** A docker config nested `levels` deep: the top-level object, then arrays in its unknown key "x" (closed or not). */
function nested(levels: number, closed = true): string {
  return PREFIX + '['.repeat(levels - 1) + (closed ? ']'.repeat(levels - 1) + '}' : '');
}

interface Report {
  files: Array<{ path: string; error?: string; findings?: Array<{ rule: string; message: string; range: { start: { line: number; character: number } } }> }>;
}

/** Runs check on `name` and other.json in every format; returns the JSON report. */
function checkEveryFormat(name: string): Report {
  let report: Report | undefined;
  for (const format of ['text', 'json', 'sarif']) {
    const r = runCli(['check', '--format', format, name, 'other.json'], { cwd: dir });
    assertExit(r, 1, `${name} --format ${format}`);
    assert.doesNotMatch(r.err, /internal error|stack size/);
    if (format === 'text') {
      assert.match(r.out, /^other\.json:1:11: error empty-auth: /m);
      assert.match(r.out, new RegExp(`^${name.replace('.', '\\.')}:1:11: error empty-auth: "deep\\.example"`, 'm'));
    } else if (format === 'json') {
      report = JSON.parse(r.out) as Report;
      assert.deepEqual(
        report.files.map((f) => f.path),
        [name, 'other.json'],
      );
    } else {
      const sarif = JSON.parse(r.out);
      const files = new Set(sarif.runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri));
      assert.deepEqual([...files].sort(), [name, 'other.json'].sort());
    }
  }
  return report!;
}

const depthFindings = (report: Report) => report.files[0].findings!.filter((f) => f.rule === 'json-syntax');

describe('nesting docker reads (up to 10,000 levels)', () => {
  test('6,000 levels: every format reports both files, no syntax error (docker reads the file)', () => {
    write(path.join(dir, 'deep6000.json'), nested(6000));
    const report = checkEveryFormat('deep6000.json');
    assert.deepEqual(depthFindings(report), []);
    assert.ok(report.files[0].findings!.some((f) => f.rule === 'unknown-key'));
  });
  test('exactly 10,000 levels: still no syntax error', () => {
    write(path.join(dir, 'deep10000.json'), nested(10000));
    assert.deepEqual(depthFindings(checkEveryFormat('deep10000.json')), []);
  });
});

describe("nesting docker's decoder refuses", () => {
  test('10,001 levels: json-syntax at the 10,001st open bracket, like "exceeded max depth"; the other file is reported', () => {
    write(path.join(dir, 'deep10001.json'), nested(10001));
    const found = depthFindings(checkEveryFormat('deep10001.json'));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /10,000 levels.*exceeded max depth.*ignores the whole file/);
    // the top-level object is level 1: the 10,000th "[" opens level 10,001
    assert.deepEqual(found[0].range.start, { line: 0, character: PREFIX.length + 9999 });
  });
  test('1,000,000 unclosed "[" and 1,000,000 nested {"a": objects: every format completes', (t) => {
    write(path.join(dir, 'brackets.json'), nested(1_000_000, false));
    write(path.join(dir, 'objects.json'), PREFIX + '{"a":'.repeat(1_000_000));
    for (const name of ['brackets.json', 'objects.json']) {
      const started = Date.now();
      const found = depthFindings(checkEveryFormat(name));
      assert.match(found[0].message, /exceeded max depth/);
      t.diagnostic(`${name}: three formats in ${Date.now() - started} ms`);
    }
  });
  test('the analysis itself: 1,000,000 levels take about as long per level as 100,000 (no quadratic step)', () => {
    const time = (n: number) => {
      const text = '['.repeat(n);
      const started = process.hrtime.bigint();
      const a = analyze(text);
      assert.ok(a.findings.some((f) => f.rule === 'json-syntax' && f.offset === 10000));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    time(100_000); // warm up
    const small = time(100_000);
    const large = time(1_000_000);
    assert.ok(large < small * 30 + 200, `100,000 levels: ${small.toFixed(0)} ms, 1,000,000: ${large.toFixed(0)} ms`);
  });
});

describe('the iterative reader reads like jsonc-parser', () => {
  type Event = Array<string | number | boolean | null>;
  function events(text: string, reader: 'ours' | 'jsonc'): Event[] {
    const out: Event[] = [];
    const v: JsonVisitor = {
      onObjectBegin: (o, l) => void out.push(['{', o, l]),
      onObjectEnd: (o, l) => void out.push(['}', o, l]),
      onArrayBegin: (o, l) => void out.push(['[', o, l]),
      onArrayEnd: (o, l) => void out.push([']', o, l]),
      onObjectProperty: (k, o, l) => void out.push(['key', k, o, l]),
      onLiteralValue: (x, o, l) => void out.push(['value', x, o, l]),
      onError: (c, o, l) => void out.push(['error', c, o, l]),
    };
    if (reader === 'ours') visitJson(text, v);
    else visit(text, v, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
    return out;
  }
  test('same events and errors on random broken JSON (5,000 texts)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"k"', '"v"', '1', '-', '1e', 'true', 'nul', 'null', ' ', '\n', '/*c*/', '//c\n', '"\\x"', '"\u0001"', '"open', 'x', '\ufeff');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(events(text, 'ours'), events(text, 'jsonc'), JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });
});
