// Self-test entry: the extension host is killed (SIGKILL) mid-run, as by a crash or the OOM killer.
'use strict';

exports.run = () => require('./mocha').runTests({
  'passes': () => {},
  'kills the extension host': () => process.kill(process.pid, 'SIGKILL'),
});
