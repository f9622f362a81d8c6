// Self-test entry: one test fails, so run() rejects and the runner must exit non-zero.
'use strict';
const assert = require('assert');

exports.run = () => require('./mocha').runTests({
  'passes': () => {},
  'fails on purpose': () => assert.strictEqual(1 + 1, 3),
});
