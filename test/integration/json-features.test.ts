// The file stays `json` (our grammar is an injection): VS Code's own JSON features keep working on it,
// and the bundled schema adds completion and documentation for docker's fields.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { cleanTempFiles, closeAll, open, rangeOf, tempFile } from './util';

suite('JSON features on a Docker config', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  const text = '{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "dcg-store",\n  "proxies": {"default": {"httpProxy": "http://p:3128"}}\n}\n';

  /** The JSON language server starts lazily: retry a provider until it answers. */
  async function eventually<T>(ask: () => Thenable<T>, ok: (t: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const got = await ask();
      if (ok(got)) return got;
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('the file keeps the json language', async () => {
    const editor = await open(tempFile(text));
    assert.strictEqual(editor.document.languageId, 'json');
  });

  test('schema completion offers docker fields and helper names', async () => {
    const uri = tempFile('{\n  \n}\n');
    await open(uri);
    const list = await eventually(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 2)),
      (l) => l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('credsStore')),
      'credsStore in the completion list',
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const field of ['auths', 'credHelpers', 'psFormat', 'proxies']) assert.ok(labels.some((l) => l.includes(field)), field);

    const valueUri = tempFile('{\n  "credsStore": ""\n}\n');
    await open(valueUri);
    const values = await eventually(
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', valueUri, new vscode.Position(1, 17)),
      (l) => l.items.length > 0,
      'helper names',
    );
    const names = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(' ');
    assert.match(names, /osxkeychain/);
    assert.match(names, /pass/);
  });

  test('hover shows the schema documentation of a field', async () => {
    const uri = tempFile(text);
    const editor = await open(uri);
    const hovers = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, rangeOf(editor.document, '"credsStore"').start.translate(0, 3)),
      (h) => h.length > 0,
      'a hover on credsStore',
    );
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(md, /docker-credential-/);
  });

  test('formatting, folding and the outline still work', async () => {
    const uri = tempFile('{"auths":{"ghcr.io":{}},"credsStore":"dcg-store"}');
    const editor = await open(uri);
    const edits = await eventually(
      () => vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true }),
      (e) => Array.isArray(e) && e.length > 0,
      'format edits',
    );
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.strictEqual(editor.document.getText(), '{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "dcg-store"\n}');
    const folds = await eventually(
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri),
      (f) => Array.isArray(f) && f.length > 0,
      'folding ranges',
    );
    assert.ok(folds.some((f) => f.start === 0 || f.start === 1));
    const symbols = await eventually(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri),
      (s) => Array.isArray(s) && s.length > 0,
      'outline symbols',
    );
    assert.deepStrictEqual(symbols.map((s) => s.name).sort(), ['auths', 'credsStore']);
  });
});
