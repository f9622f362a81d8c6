import * as assert from 'assert';
import * as vscode from 'vscode';
import { b64, cleanTempFiles, closeAll, codeOf, diagnosticsWhen, open, ours, setSetting, tempFile, textOf } from './util';

const CONFIG = `{
\t"auths": {
\t\t"https://index.docker.io/v1/": {},
\t\t"ghcr.io": {"auth": "${b64('octocat:hunter2')}"},
\t\t"docker.io": {"auth": "${b64('alice:s3cret')}"},
\t\t"bad.example.com": {"auth": "not base64!"}
\t},
\t"credHelpers": {"ghcr.io": "", "https://gcr.io": "gcloud"},
\t"credsStore": "docker-credential-desktop",
\t"credStore": "pass"
}
`;

suite('diagnostics', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  test('each rule at the right range, with source and code linking to the docs', async () => {
    const uri = tempFile(CONFIG);
    const editor = await open(uri);
    const ds = await diagnosticsWhen(uri, (d) => d.length >= 8, 'the fixture findings');
    const got = ds.map((d) => `${codeOf(d)} ${textOf(editor.document, d)}`).sort();
    assert.deepStrictEqual(got, [
      'docker-hub-key "docker.io"',
      'empty-auth "https://index.docker.io/v1/"',
      'helper-key-form "https://gcr.io"',
      'helper-name "docker-credential-desktop"',
      'invalid-auth "not base64!"',
      `plaintext-credential "${b64('octocat:hunter2')}"`,
      `shadowed-credential "${b64('alice:s3cret')}"`,
      'shadowed-credential "not base64!"',
      'unknown-key "credStore"',
    ]);
    for (const d of ds) {
      assert.strictEqual(d.source, 'Docker Config Guard');
      assert.ok(typeof d.code === 'object' && d.code.target.toString().includes('docs/rules.md#' + codeOf(d)), `code target of ${codeOf(d)}`);
      assert.ok(!d.message.includes('hunter2') && !d.message.includes(b64('octocat:hunter2')), 'no secret in a message');
    }
    const empty = ds.find((d) => codeOf(d) === 'empty-auth')!;
    assert.strictEqual(empty.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(ds.find((d) => codeOf(d) === 'invalid-auth')!.severity, vscode.DiagnosticSeverity.Error);
  });

  test('updated after an edit (debounced), without fixed sleeps', async () => {
    const uri = tempFile('{\n  "auths": {\n    "a.example.com": {}\n  }\n}\n');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 1 && codeOf(d[0]) === 'empty-auth', 'empty-auth');
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().indexOf('{}') + 1), `"auth": "${b64('u:p')}"`));
    const after = await diagnosticsWhen(uri, (d) => d.length === 1 && codeOf(d[0]) === 'plaintext-credential', 'plaintext after the edit');
    assert.strictEqual(textOf(editor.document, after[0]), `"${b64('u:p')}"`);
  });

  test('a single edit after a pause is linted at once, whatever the debounce', async () => {
    const uri = tempFile('{\n  "auths": {\n    "a.example.com": {}\n  }\n}\n');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 1 && codeOf(d[0]) === 'empty-auth', 'empty-auth');
    await setSetting('debounceMs', 5000); // the most the setting allows
    try {
      const auth = `"auth": "${b64('u:p')}"`;
      await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().indexOf('{}') + 1), auth));
      // The extension host fires the change event as it takes the edit in, the linter lints in it: the diagnostics
      // are there when the document has the edit (no waiting: a debounced lint would come 5 s later).
      assert.ok(editor.document.getText().includes(auth));
      assert.deepStrictEqual(ours(uri).map(codeOf), ['plaintext-credential']);
    } finally {
      await setSetting('debounceMs', undefined);
    }
  });

  test('a burst of typing ends linted on its last text (the trailing edge)', async () => {
    const uri = tempFile('{\n  "auths": {\n    "a.example.com": {}\n  }\n}\n');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 1 && codeOf(d[0]) === 'empty-auth', 'empty-auth');
    // typed one character at a time: the first keystroke breaks the JSON (linted at once), the last one mends it
    const typed = '\n    "b.example.com": {},';
    let at = editor.document.getText().indexOf('"auths": {') + '"auths": {'.length;
    for (const ch of typed) {
      const position = editor.document.positionAt(at);
      await editor.edit((b) => b.insert(position, ch), { undoStopBefore: false, undoStopAfter: false });
      at += ch.length;
    }
    const ds = await diagnosticsWhen(uri, (d) => d.length === 2 && d.every((x) => codeOf(x) === 'empty-auth'), 'both empty entries after the typing');
    assert.deepStrictEqual(ds.map((d) => textOf(editor.document, d)).sort(), ['"a.example.com"', '"b.example.com"']);
  });

  test('cleared when the file closes', async () => {
    const uri = tempFile('{"auths":{"a.example.com":{}}}');
    // Opened as a user opens it: a document an extension opened stays loaded for minutes after its editor closes.
    await vscode.commands.executeCommand('vscode.open', uri);
    await diagnosticsWhen(uri, (d) => d.length === 1, 'one finding');
    await closeAll();
    await diagnosticsWhen(uri, (d) => d.length === 0, 'cleared after close', 15_000);
  });

  test('a syntax error: docker ignores the whole file', async () => {
    const uri = tempFile('{\n  // comment\n  "auths": {}\n}\n');
    const editor = await open(uri);
    const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'json-syntax'), 'json-syntax');
    const syntax = ds.find((x) => codeOf(x) === 'json-syntax')!;
    assert.strictEqual(textOf(editor.document, syntax), '// comment');
    assert.match(syntax.message, /ignores the whole file/);
  });

  test('an ordinary config.json outside .docker/ is not touched', async () => {
    const plain = tempFile('{"auths":{"a.example.com":{}}, "credStore": "x"}', 'project/config.json');
    await open(plain);
    // The linter handles documents in order: once a later Docker config has diagnostics, the plain one was seen.
    const marker = tempFile('{"auths":{"m.example.com":{}}}');
    await open(marker);
    await diagnosticsWhen(marker, (d) => d.length === 1, 'the marker file');
    assert.deepStrictEqual(ours(plain), []);
  });

  test('settings take effect: rule severities and extra file globs', async () => {
    const uri = tempFile('{"auths":{"a.example.com":{}},"credStore":"x"}');
    await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 2, 'two findings');
    try {
      await setSetting('rules', { 'unknown-key': 'off', 'empty-auth': 'info' });
      const ds = await diagnosticsWhen(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information, 'unknown-key off, empty-auth info');
      assert.strictEqual(codeOf(ds[0]), 'empty-auth');
    } finally {
      await setSetting('rules', undefined);
    }
    await diagnosticsWhen(uri, (d) => d.length === 2, 'back to two findings');

    const extra = tempFile('{"auths":{"b.example.com":{}}}', 'ci/registry-auth.json');
    try {
      await setSetting('files', ['**/ci/registry-auth.json']);
      await open(extra);
      await diagnosticsWhen(extra, (d) => d.length === 1 && codeOf(d[0]) === 'empty-auth', 'a file matched by dockerConfigGuard.files');
    } finally {
      await setSetting('files', undefined);
    }
  });
});
