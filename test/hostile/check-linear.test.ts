// Linear time on crafted keys: a top-level key "a.a.a…a " (dots, then a space at the very end) made the
// registry-shaped-key test of unknown-key backtrack quadratically: 100 KB took 3 s, 400 KB 49 s. Four times
// the input must now take about four times as long, in the analysis and in every output format.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core';
import { assertExit, runCli, tempDir, write } from './check-support';

/** `{"a.a.a…a ": 1}` with a key of `bytes` characters. */
function dotted(bytes: number): string {
  return JSON.stringify({ ['a.'.repeat(bytes / 2).slice(0, bytes - 1) + ' ']: 1 });
}

function ms(f: () => void): number {
  const started = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

test('the analysis: 400 KB of "a.a.a…a " takes about four times as long as 100 KB', (t) => {
  const small = dotted(100 * 1024);
  const large = dotted(400 * 1024);
  analyze(small); // warm up
  const a = ms(() => assert.ok(analyze(small).findings.some((f) => f.rule === 'unknown-key')));
  const b = ms(() => assert.ok(analyze(large).findings.some((f) => f.rule === 'unknown-key')));
  t.diagnostic(`100 KB: ${a.toFixed(1)} ms, 400 KB: ${b.toFixed(1)} ms`);
  assert.ok(b < a * 8 + 250, `100 KB: ${a.toFixed(0)} ms, 400 KB: ${b.toFixed(0)} ms (quadratic: 16 times)`);
});

test('the command line, every format, 400 KB key: well under a few seconds', (t) => {
  const dir = tempDir('dcg-linear-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  write(path.join(dir, 'config.json'), dotted(400 * 1024));
  for (const format of ['text', 'json', 'sarif']) {
    const r = runCli(['check', '--format', format, 'config.json'], { cwd: dir, timeoutMs: 20_000 });
    assertExit(r, 1, format);
    t.diagnostic(`${format}: ${r.ms} ms`);
    assert.ok(r.ms < 10_000, `${format}: ${r.ms} ms`);
  }
});
