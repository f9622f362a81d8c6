// The legacy ~/.dockercfg in the real editor: opened as JSON, linted the way podman, skopeo and buildah read it
// (core analyzeDockercfg), with no hover or quick fix of ours (their offsets would be those of a wrapped text).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { b64, cleanTempFiles, closeAll, codeOf, diagnosticsWhen, open, textOf, tempFile } from './util';

const AUTH = b64('legacy:it-pass-NOT-REAL-6');
const TEXT = `{\n\t"r.example": {},\n\t"quay.io/team": {"auth": "${AUTH}"},\n\t"https://quay.io/v1/": {"auth": "${b64('nocolon')}"}\n}\n`;

suite('legacy ~/.dockercfg', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  test('opened as JSON and linted as containers/image reads it', async () => {
    const uri = tempFile(TEXT, 'home/.dockercfg');
    const editor = await open(uri);
    assert.strictEqual(editor.document.languageId, 'json');
    const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'invalid-auth'), 'the legacy findings');
    const empty = ds.find((d) => codeOf(d) === 'empty-auth')!;
    assert.strictEqual(textOf(editor.document, empty), '"r.example"');
    assert.match(empty.message, /the only credential podman, skopeo and buildah read in ~\/\.dockercfg/);
    const dup = ds.filter((d) => codeOf(d) === 'duplicate-registry').map((d) => textOf(editor.document, d)).sort();
    assert.deepStrictEqual(dup, ['"https://quay.io/v1/"', '"quay.io/team"']);
    for (const d of ds) assert.ok(!d.message.includes('it-pass-NOT-REAL-6') && !d.message.includes(AUTH), d.message);
  });

  test('no quick fix and no hover of ours on it', async () => {
    const uri = tempFile(TEXT, 'home/.dockercfg');
    const editor = await open(uri);
    const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'empty-auth'), 'the empty entry');
    const empty = ds.find((d) => codeOf(d) === 'empty-auth')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, empty.range)) ?? [];
    assert.deepStrictEqual(actions.filter((a) => a.diagnostics?.some((d) => d.source === empty.source)).map((a) => a.title), []);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(TEXT.indexOf('quay.io/team') + 2))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.doesNotMatch(text, /Registry|Docker takes credentials/);
  });
});
