// Self-test entry: its test passes, so the runner must exit 0.
'use strict';
const assert = require('assert');
const vscode = require('vscode');

exports.run = () => require('./mocha').runTests({
  'runs in a real extension host': () => assert.strictEqual(typeof vscode.window.showInformationMessage, 'function'),
  'sees the workspace folder': () => assert.strictEqual(vscode.workspace.workspaceFolders?.length, 1),
});
