// Self-test entry: run() never settles, so only the runner's time limit ends the run (non-zero).
'use strict';

exports.run = () => new Promise(() => {});
