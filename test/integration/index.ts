// Tests entry of the integration suite: runs every out/test/integration/**/*.test.js with mocha inside the
// extension host (real `vscode` API). Started by test/runTests.mjs, or "Extension Tests" in .vscode/launch.json.
// test/integration-untrusted/index.ts runs its own folder the same way, in a workspace opened untrusted.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Runs every *.test.js below `dir` with mocha; DCG_TEST_GREP (a regular expression) runs only the tests it matches. */
export function runSuite(dir: string): Promise<void> {
  const grep = process.env.DCG_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000, ...(grep ? { grep: new RegExp(grep) } : {}) });
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js'));
  for (const f of files.sort()) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}
