import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { cleanTempFiles, closeAll, diagnosticsWhen, open, tempFile } from './util';

suite('commands', () => {
  const saved = process.env.DOCKER_CONFIG;
  suiteTeardown(async () => {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
    await closeAll();
    cleanTempFiles();
  });

  test('all commands are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['dockerConfigGuard.openConfig', 'dockerConfigGuard.removeEmptyEntries', 'dockerConfigGuard.whichCredentials']) assert.ok(all.includes(c), c);
  });

  test('open the Docker config honours DOCKER_CONFIG', async () => {
    const uri = tempFile('{"auths":{}}');
    process.env.DOCKER_CONFIG = path.dirname(uri.fsPath);
    await vscode.commands.executeCommand('dockerConfigGuard.openConfig');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, fs.realpathSync(uri.fsPath));
  });

  test('the file $DOCKER_CONFIG points at is analysed even without .docker in its path', async () => {
    const uri = tempFile('{"auths":{"a.example.com":{}}}', 'custom-dir/config.json');
    process.env.DOCKER_CONFIG = path.dirname(uri.fsPath);
    await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 1, 'empty-auth in $DOCKER_CONFIG/config.json');
  });

  test('remove empty entries in the active editor', async () => {
    const uri = tempFile('{"auths":{"a.io":{},"b.io":{}},"credsStore":"dcg-store"}');
    const editor = await open(uri);
    await vscode.commands.executeCommand('dockerConfigGuard.removeEmptyEntries');
    assert.strictEqual(editor.document.getText(), '{"auths":{},"credsStore":"dcg-store"}');
  });

  test('which credentials will docker use for an image', async () => {
    const uri = tempFile('{"auths":{"https://index.docker.io/v1/":{}},"credsStore":"desktop","credHelpers":{"gcr.io":"gcloud"}}');
    await open(uri);
    const hub = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'alpine');
    assert.match(hub, /https:\/\/index\.docker\.io\/v1\//);
    assert.match(hub, /desktop/);
    const gcr = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'gcr.io/project/app:1');
    assert.match(gcr, /gcloud/);
  });
});
