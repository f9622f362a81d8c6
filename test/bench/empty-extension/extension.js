// The floor of the activationVsEmptyExtension ratio of `npm run bench` (test/bench/host.mjs): loaded and activated
// the same way as Docker Config Guard, and activate() does nothing.
'use strict';
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
