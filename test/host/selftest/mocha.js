// Shared by the self-test entries: runs the given tests with mocha's spec reporter, as a real suite would.
'use strict';
const Mocha = require('mocha');

exports.runTests = (tests) => new Promise((resolve, reject) => {
  const mocha = new Mocha({ color: false });
  for (const [title, fn] of Object.entries(tests)) mocha.suite.addTest(new Mocha.Test(title, fn));
  mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
});
