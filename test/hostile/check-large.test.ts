// A config with 1,000,000 registries gives 1,000,000 findings: about 650 MB of JSON and 865 MB of SARIF.
// Built as one string, that is over V8's string limit: the run ended with "Invalid string length", exit 2 and
// no output at all. Output is now written in pieces; these tests read it back in pieces as well (JSON.parse
// cannot take it whole either): the frame around the findings is parsed, and each finding on its own.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CLI, tempDir, write } from './check-support';

const REGISTRIES = 1_000_000;
let dir: string;

before(() => {
  dir = tempDir('dcg-large-');
  const entries: string[] = [];
  for (let i = 0; i < REGISTRIES; i++) entries.push(`"r${i}.example":{}`);
  write(path.join(dir, 'big/.docker/config.json'), `{"auths":{${entries.join(',')}}}`);
  write(path.join(dir, 'mid/.docker/config.json'), `{"auths":{${entries.slice(0, 100_000).join(',')}}}`);
  // reports the peak memory of the CLI process on stderr when it exits
  write(path.join(dir, 'rss.js'), "process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text of a file in 16 MB pieces. */
function* piecesOf(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(16 * 1024 * 1024);
  const decoder = new StringDecoder('utf8');
  try {
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) yield decoder.write(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  yield decoder.end();
}

/**
 * Reads output in the layout of JSON.stringify(doc, null, 2) whose array opened by the line `opening` holds
 * objects at 8 spaces. Its elements are parsed a piece at a time (`[` + whole elements + `]`: the commas
 * between them are checked too) and handed to `element`; the rest, the frame with that array left empty,
 * is parsed and returned.
 */
function readStreamed(file: string, opening: string, element: (x: unknown) => void): unknown {
  const open = `\n${opening}\n`;
  const between = '\n        },\n';
  const close = '\n      ]';
  let head: string | undefined;
  let pending = '';
  let inArray = false;
  const parseElements = (body: string) => {
    for (const x of JSON.parse(`[${body}]`) as unknown[]) element(x);
  };
  for (const piece of piecesOf(file)) {
    pending += piece;
    if (head === undefined) {
      const at = pending.indexOf(open);
      if (at < 0) continue;
      head = pending.slice(0, at + open.length - 1);
      pending = pending.slice(at + open.length);
      inArray = true;
    }
    if (!inArray) continue;
    const end = pending.indexOf(close);
    if (end >= 0) {
      parseElements(pending.slice(0, end));
      pending = pending.slice(end);
      inArray = false;
      continue;
    }
    const cut = pending.lastIndexOf(between);
    if (cut < 0) continue;
    parseElements(pending.slice(0, cut + between.length - 2));
    pending = pending.slice(cut + between.length);
  }
  assert.ok(head !== undefined && !inArray, 'the array is opened and closed');
  return JSON.parse(head + pending);
}

function runToFile(format: string, out: string): { code: number | null; err: string; ms: number; rss: number } {
  const fd = fs.openSync(out, 'w');
  const started = Date.now();
  try {
    const r = spawnSync(process.execPath, ['--require', path.join(dir, 'rss.js'), CLI, 'check', '--format', format, 'big'], {
      cwd: dir,
      env: { HOME: dir, PATH: dir },
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      timeout: 300_000,
      killSignal: 'SIGKILL',
    });
    const rss = Number(/maxRSS (\d+)/.exec(r.stderr ?? '')?.[1] ?? 0) * 1024;
    return { code: r.status, err: (r.stderr ?? '').replace(/maxRSS \d+\n/, ''), ms: Date.now() - started, rss };
  } finally {
    fs.closeSync(fd);
  }
}

const MB = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

test(`json: ${REGISTRIES.toLocaleString('en')} registries, one finding each: the whole report, valid`, (t) => {
  const out = path.join(dir, 'out.json');
  const r = runToFile('json', out);
  t.diagnostic(`json: ${r.ms} ms, ${MB(fs.statSync(out).size)} written, peak RSS ${MB(r.rss)}`);
  assert.equal(r.err, '');
  assert.equal(r.code, 1);
  let n = 0;
  const frame = readStreamed(out, '      "findings": [', (x) => {
    const f = x as { rule: string; path: string[]; range: { start: { character: number } } };
    assert.equal(f.rule, 'empty-auth');
    assert.equal(f.path[1], `r${n}.example`);
    n++;
  });
  assert.equal(n, REGISTRIES);
  assert.deepEqual(frame, { version: 1, files: [{ path: 'big/.docker/config.json', kind: 'docker', findings: [] }] });
  fs.rmSync(out);
});

test(`sarif: ${REGISTRIES.toLocaleString('en')} results, valid`, (t) => {
  const out = path.join(dir, 'out.sarif');
  const r = runToFile('sarif', out);
  t.diagnostic(`sarif: ${r.ms} ms, ${MB(fs.statSync(out).size)} written, peak RSS ${MB(r.rss)}`);
  assert.equal(r.err, '');
  assert.equal(r.code, 1);
  let n = 0;
  const frame = readStreamed(out, '      "results": [', (x) => {
    const result = x as { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> };
    assert.equal(result.ruleId, 'empty-auth');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'big/.docker/config.json');
    n++;
  });
  assert.equal(n, REGISTRIES);
  const run = (frame as { version: string; runs: Array<{ results: unknown[]; invocations: Array<{ executionSuccessful: boolean }> }> }).runs[0];
  assert.equal((frame as { version: string }).version, '2.1.0');
  assert.deepEqual(run.results, []);
  assert.equal(run.invocations[0].executionSuccessful, true);
  fs.rmSync(out);
});

test('a reader that goes away (| head): the run stops at once with exit 2, no crash report', async (t) => {
  const started = Date.now();
  // 100,000 findings: 65 MB of JSON, more than a pipe holds
  const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', 'mid'], { cwd: dir, env: { HOME: dir, PATH: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  t.diagnostic(`stopped after ${Date.now() - started} ms`);
  assert.equal(code, 2);
  assert.doesNotMatch(err, /EPIPE|Error|at /);
});
