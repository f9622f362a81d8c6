// The extensionTestsPath the runner gives the editor. It runs the real tests entry (DCG_TESTS_ENTRY) and records
// how its run() settled in DCG_TESTS_RESULT. The runner passes only on {"status":"passed"}: if the extension host
// dies mid-run, the workbench reports exit code 0 all the same, but this file is never written.
'use strict';
const fs = require('fs');
const util = require('util');

exports.run = async function run() {
  const entry = process.env.DCG_TESTS_ENTRY;
  const resultFile = process.env.DCG_TESTS_RESULT;
  if (!entry || !resultFile) throw new Error('DCG_TESTS_* must be set (by test/host/runner.mjs)');
  const record = (result) => fs.writeFileSync(resultFile, JSON.stringify(result));
  // The workbench forwards this console and its own log alike; the mark lets the runner show only this one.
  // (The extension host defines console's methods as getters that ignore assignment.)
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const forward = console[level];
    const marked = (...args) => forward.call(console, process.env.DCG_TESTS_LOG_MARK + util.format(...args));
    Object.defineProperty(console, level, { value: marked, configurable: true, enumerable: true, writable: true });
  }
  try {
    await require(entry).run();
  } catch (error) {
    record({ status: 'failed', error: String((error && error.stack) || error) });
    throw error;
  }
  record({ status: 'passed' });
};
