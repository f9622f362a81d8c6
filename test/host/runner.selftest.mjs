// Self-tests of the test host: the runner exits 0 for a passing tests entry and non-zero for every way a run can
// go wrong, including the ones where the workbench itself reports success. `npm run test:host`
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../scripts/install-code-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKSPACE = 'test/fixtures/workspace';

// A decoy first on the runner's own PATH: the host must not see it (selftest/pass.js checks the host's PATH).
const DECOY = mkdtempSync(path.join(os.tmpdir(), 'dcg-decoy-'));
writeFileSync(path.join(DECOY, 'docker-credential-pass'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
const ENV = { ...process.env, PATH: [DECOY, process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter) };

/** Runs a command in the project root; resolves to its exit code and its whole output. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => resolve({ code, output }));
  });
}
const runner = (entry, ...more) =>
  run(['test/host/runner.mjs', '--extension-tests', `test/host/selftest/${entry}.js`, '--workspace', WORKSPACE, ...more]);

const cases = [
  // [tests entry, expected exit code, text expected in the output]
  ['pass', 0, /3 passing/],
  ['fail', 1, /1 failing[\s\S]*FAILED: run\(\) rejected/],
  ['exit', 1, /FAILED: the extension host ended before run\(\) settled/],
  ['crash', 1, /FAILED: the extension host ended before run\(\) settled/],
  ['broken', 1, /FAILED: run\(\) rejected: Error: broken tests entry/],
  ['hang', 1, /FAILED: timed out after 20 s/, '--timeout', '20'],
];
// Two runs at a time: each mostly waits on the editor, and about 1 GB of memory apiece is fine.
describe('test host', { concurrency: 2 }, () => {
  before(() => ensureCodeServer()); // once, not by two runners at a time
  after(() => rmSync(DECOY, { recursive: true, force: true }));
  for (const [entry, expected, text, ...more] of cases) {
    test(`runner on selftest/${entry}.js exits ${expected}`, async () => {
      const { code, output } = await runner(entry, ...more);
      assert.equal(code, expected, output);
      assert.match(output, text);
    });
  }

  test('npm run test:integration passes the exit code through runTests() (process.exit mid-run: non-zero)', async () => {
    const { code, output } = await run(['test/runTests.mjs', '--extension-tests', 'test/host/selftest/exit.js', '--workspace', WORKSPACE]);
    assert.notEqual(code, 0, output);
    assert.match(output, /FAILED: the extension host ended before run\(\) settled/);
  });
});
