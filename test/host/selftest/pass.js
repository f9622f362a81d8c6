// Self-test entry: its test passes, so the runner must exit 0.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

exports.run = () => require('./mocha').runTests({
  'runs in a real extension host': () => assert.strictEqual(typeof vscode.window.showInformationMessage, 'function'),
  'sees the workspace folder': () => assert.strictEqual(vscode.workspace.workspaceFolders?.length, 1),
  // The runner's explicit PATH, whatever the caller's (runner.selftest.mjs puts a decoy helper first on its own):
  // a directory holding only `node`, the suite's helpers, the Debian system directories; before them only the
  // directory of code-server's own `code` command (bin/remote-cli), which holds no credential helper.
  'sees the explicit PATH, not the caller\'s': () => {
    const dirs = process.env.PATH.split(path.delimiter);
    const [remoteCli, bin, ...rest] = dirs;
    assert.match(remoteCli, /\/bin\/remote-cli$/, process.env.PATH);
    assert.ok(!fs.readdirSync(remoteCli).some((f) => f.startsWith('docker-credential-')), 'no helper in remote-cli');
    assert.deepStrictEqual(rest, [path.join(__dirname, '..', 'helpers'), '/usr/bin', '/bin'], process.env.PATH);
    assert.deepStrictEqual(fs.readdirSync(bin), ['node']);
    assert.ok(fs.statSync(path.join(rest[0], 'docker-credential-dcg-store')).mode & 0o111, 'the suite helper is executable');
  },
});
