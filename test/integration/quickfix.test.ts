import * as assert from 'assert';
import * as vscode from 'vscode';
import { b64, cleanTempFiles, closeAll, codeOf, diagnosticsWhen, open, tempFile } from './util';

/** Asks VS Code for the code actions at the diagnostic of `rule`, applies the one titled like `title`. */
async function applyFix(uri: vscode.Uri, rule: string, title: RegExp): Promise<string> {
  const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === rule), rule);
  const diagnostic = ds.find((x) => codeOf(x) === rule)!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(action.edit, 'the action carries an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

suite('quick fixes', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  test('remove an empty entry, then undo', async () => {
    const before = '{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {},\n\t\t"ghcr.io": {}\n\t},\n\t"credsStore": "desktop"\n}\n';
    const uri = tempFile(before);
    await open(uri);
    assert.strictEqual(await applyFix(uri, 'empty-auth', /Remove the empty entry "https:\/\/index\.docker\.io\/v1\/"/), '{\n\t"auths": {\n\t\t"ghcr.io": {}\n\t},\n\t"credsStore": "desktop"\n}\n');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual((await vscode.workspace.openTextDocument(uri)).getText(), before);
  });

  test('remove all empty entries', async () => {
    const uri = tempFile(`{\r\n  "auths": {\r\n    "a.io": {},\r\n    "b.io": {"auth": "${b64('u:p')}"},\r\n    "c.io": {}\r\n  },\r\n  "credsStore": "dcg-store"\r\n}\r\n`);
    await open(uri);
    assert.strictEqual(await applyFix(uri, 'empty-auth', /Remove all 2 empty entries/), `{\r\n  "auths": {\r\n    "b.io": {"auth": "${b64('u:p')}"}\r\n  },\r\n  "credsStore": "dcg-store"\r\n}\r\n`);
  });

  test('strip the docker-credential- prefix', async () => {
    const uri = tempFile('{\n  "credsStore": "docker-credential-dcg-store"\n}\n');
    await open(uri);
    assert.strictEqual(await applyFix(uri, 'helper-name', /Use "dcg-store"/), '{\n  "credsStore": "dcg-store"\n}\n');
  });

  test('rename a typo', async () => {
    const uri = tempFile('{\n  "credStore": "dcg-store"\n}\n');
    await open(uri);
    assert.strictEqual(await applyFix(uri, 'unknown-key', /Rename "credStore" to "credsStore"/), '{\n  "credsStore": "dcg-store"\n}\n');
  });

  test('rename a Docker Hub key, merging with an empty real key', async () => {
    const uri = tempFile(`{\n  "auths": {\n    "https://index.docker.io/v1/": {},\n    "docker.io": {"auth": "${b64('a:b')}"}\n  }\n}\n`);
    await open(uri);
    assert.strictEqual(await applyFix(uri, 'docker-hub-key', /Rename "docker.io"/), `{\n  "auths": {\n    "https://index.docker.io/v1/": {"auth": "${b64('a:b')}"}\n  }\n}\n`);
  });

  test('source.fixAll removes all empty entries', async () => {
    const uri = tempFile('{"auths":{"a.io":{},"b.io":{}},"credsStore":"dcg-store"}');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 2, 'two empty entries');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.dockerConfigGuard');
    assert.ok(fixAll?.edit, `no fixAll among ${JSON.stringify(actions.map((a) => a.kind?.value))}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.strictEqual(editor.document.getText(), '{"auths":{},"credsStore":"dcg-store"}');
  });
});
