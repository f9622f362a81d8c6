// The checks of the language-variant experiment, in the real editor (real `vscode` API, VS Code's own JSON
// language features). DCG_LV_LANG is the language the variant should give .docker/config.json: "json" (variant A,
// shipped: plain json + injection grammar) or "docker-config" (variant B: own language + jsonLanguageParticipants).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const LANG = process.env.DCG_LV_LANG || 'json';
const SOURCE = 'Docker Config Guard';
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const label = (i) => (typeof i.label === 'string' ? i.label : i.label.label);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mdOf = (hovers) => hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');

let n = 0;
/** Writes `text` to <workspace>/<case>-<n>/<rel> (a fresh folder each time: the language comes from the path). */
function file(text, rel = '.docker/config.json') {
  const root = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const p = path.join(root, `case-${++n}`, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text, { mode: 0o600 });
  return vscode.Uri.file(p);
}

async function open(uri) {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** The JSON language server starts lazily: retry until it answers (20 s). */
async function eventually(ask, ok, what, ms = 20_000, show = () => '') {
  const deadline = Date.now() + ms;
  let got;
  for (;;) {
    got = await ask();
    if (ok(got)) return got;
    if (Date.now() > deadline) throw new Error(`timed out (${ms / 1000} s): ${what}${show(got) ? `; have ${show(got)}` : ''}`);
    await sleep(200);
  }
}

const diagnostics = (uri, source) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
const completion = (uri, pos) => vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos);
const hover = (uri, pos) => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
const at = (doc, needle, dx = 0) => doc.positionAt(doc.getText().indexOf(needle) + dx);

suite(`language variant: .docker/config.json as ${LANG}`, () => {
  suiteSetup(async function () {
    // Start the JSON server on an ordinary json file first, so a missing answer later is the variant's doing, not a
    // server still starting (and "absent" checks are not just an early question).
    this.timeout(90_000);
    const uri = file('{"warm": {"up": 1}}\n', 'warm-up.json');
    await open(uri);
    await eventually(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri), (s) => Array.isArray(s) && s.length > 0, 'the JSON server', 80_000);
  });
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('(a) languageId of .docker/config.json', async function () {
    const editor = await open(file('{}\n'));
    this.test.detail = editor.document.languageId;
    assert.strictEqual(editor.document.languageId, LANG);
  });

  test('(b1) schema completion (fields and helper names)', async function () {
    const uri = file('{\n  \n}\n');
    await open(uri);
    const list = await eventually(() => completion(uri, new vscode.Position(1, 2)), (l) => l.items.some((i) => label(i).includes('credsStore')), 'credsStore offered');
    const labels = list.items.map(label);
    for (const f of ['auths', 'credHelpers', 'proxies']) assert.ok(labels.some((l) => l.includes(f)), f);
    const vUri = file('{\n  "credsStore": ""\n}\n');
    await open(vUri);
    const values = await eventually(() => completion(vUri, new vscode.Position(1, 17)), (l) => l.items.some((i) => label(i).includes('osxkeychain')), 'helper names offered');
    this.test.detail = `${labels.length} fields, ${values.items.length} helper values`;
  });

  test('(b2) schema hover documentation', async function () {
    const uri = file('{\n  "credsStore": "pass"\n}\n');
    const editor = await open(uri);
    const md = await eventually(async () => mdOf(await hover(uri, at(editor.document, '"credsStore"', 3))), (m) => /docker-credential-/.test(m), 'schema docs in the hover');
    this.test.detail = md.split('\n')[0].slice(0, 40);
  });

  // The JSON service labels its diagnostics with the document's language id ("json", or "docker-config" in B).
  const fromJsonService = (uri, doc) => diagnostics(uri, doc.languageId);

  test('(c1) JSON syntax diagnostics from the JSON service (trailing comma)', async function () {
    const uri = file('{\n  "credsStore": "pass",\n}\n');
    const editor = await open(uri);
    const ds = await eventually(async () => fromJsonService(uri, editor.document), (d) => d.some((x) => /trailing comma/i.test(x.message)), 'a trailing-comma diagnostic');
    this.test.detail = ds.map((d) => `${d.source}: ${d.message}`).join('; ');
  });

  test('(c2) a comment is reported as an error (docker rejects comments)', async function () {
    // The bundled schema documents types but validates none of them by design (our rules report wrong types), so
    // "schema validation" is the association (b1, b2); the JSON service's own checks are c1 and this one.
    const uri = file('{\n  // a comment\n  "credsStore": "pass"\n}\n');
    const editor = await open(uri);
    const isComment = (x) => /comment/i.test(x.message) && x.severity === vscode.DiagnosticSeverity.Error;
    await eventually(async () => vscode.languages.getDiagnostics(uri), (d) => d.some(isComment), 'a comment diagnostic', 10_000,
      () => JSON.stringify(vscode.languages.getDiagnostics(uri).map((x) => `${x.source}: ${x.message}`)));
    await sleep(1500); // the JSON service answers later than we do: give it the chance to add its own
    const ds = vscode.languages.getDiagnostics(uri).filter(isComment);
    // The JSON service's comment error carries no source (its other diagnostics carry the language id).
    const json = ds.filter((d) => d.source !== SOURCE);
    this.test.detail = `${ds.filter((d) => d.source === SOURCE).length ? 'ours + ' : ''}${json.length ? `JSON service: ${json[0].message}` : 'none from the JSON service'}`;
  });

  test('(d) formatting', async function () {
    const uri = file('{"auths":{"ghcr.io":{}},"credsStore":"pass"}');
    const editor = await open(uri);
    const edits = await eventually(() => vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true }),
      (e) => Array.isArray(e) && e.length > 0, 'format edits');
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.strictEqual(editor.document.getText(), '{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "pass"\n}');
    this.test.detail = `${edits.length} edits`;
  });

  test('(e) folding ranges', async function () {
    const uri = file('{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "pass"\n}\n');
    await open(uri);
    const folds = await eventually(() => vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri), (f) => Array.isArray(f) && f.length >= 2, 'two folding ranges');
    this.test.detail = folds.map((f) => `${f.start}-${f.end}`).join(' ');
  });

  test('(f) outline (document symbols)', async function () {
    const uri = file('{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "pass"\n}\n');
    await open(uri);
    const symbols = await eventually(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri), (s) => Array.isArray(s) && s.length > 0, 'symbols');
    assert.deepStrictEqual(symbols.map((s) => s.name).sort(), ['auths', 'credsStore']);
    assert.deepStrictEqual((symbols.find((s) => s.name === 'auths').children || []).map((s) => s.name), ['ghcr.io']);
    this.test.detail = symbols.map((s) => s.name).join(', ');
  });

  test('(g1) language is registered (getLanguages)', async function () {
    const langs = await vscode.languages.getLanguages();
    assert.ok(langs.includes(LANG), `${LANG} not in getLanguages()`);
    this.test.detail = `docker-config registered: ${langs.includes('docker-config')}`;
  });

  test('(g2) bracket matching (editor.action.jumpToBracket)', async function () {
    const uri = file('{\n  "auths": {\n    "ghcr.io": {}\n  }\n}\n');
    const editor = await open(uri);
    editor.selection = new vscode.Selection(1, 11, 1, 11); // just after the "auths" object's {
    await vscode.commands.executeCommand('editor.action.jumpToBracket');
    const p = editor.selection.active;
    assert.deepStrictEqual([p.line, p.character], [3, 2], 'the cursor lands on the matching }');
    this.test.detail = `cursor to ${p.line}:${p.character}`;
  });

  test('(g3) toggle line comment leaves the file alone (docker rejects comments)', async function () {
    const text = '{\n  "credsStore": "pass"\n}\n';
    const uri = file(text);
    const editor = await open(uri);
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    await vscode.commands.executeCommand('editor.action.commentLine');
    const after = editor.document.getText();
    if (after !== text) await vscode.commands.executeCommand('undo');
    assert.strictEqual(after, text, 'the command inserted a comment');
    this.test.detail = 'no comment inserted';
  });

  test('(h) an ordinary config.json stays json, without docker-config features', async function () {
    const uri = file(`{\n  "auths": {"ghcr.io": {"auth": "${b64('u:p')}"}},\n  \n}\n`, 'config.json');
    const editor = await open(uri);
    assert.strictEqual(editor.document.languageId, 'json');
    // The JSON features still work on it...
    await eventually(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri), (s) => Array.isArray(s) && s.length > 0, 'json outline on the plain file');
    // ...but neither the docker schema nor our linter applies. (Absence: a bounded wait after the server answered.)
    const list = await completion(uri, new vscode.Position(2, 2));
    assert.ok(!list.items.some((i) => label(i).includes('credsStore')), 'docker schema completion on an ordinary config.json');
    await sleep(1500);
    assert.deepStrictEqual(diagnostics(uri, SOURCE).map((d) => d.message), []);
    this.test.detail = `json; ${list.items.length} completions, no docker ones; no findings`;
  });

  test('(i) our diagnostics appear', async function () {
    const uri = file(`{\n  "auths": {\n    "ghcr.io": {"auth": "${b64('octocat:pw')}"},\n    "quay.io": {}\n  }\n}\n`);
    await open(uri);
    const ds = await eventually(async () => diagnostics(uri, SOURCE), (d) => d.length > 0, 'a Docker Config Guard diagnostic', 10_000);
    this.test.detail = [...new Set(ds.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)))].join(', ');
  });

  test('(j) our hover (decoded auth value)', async function () {
    const auth = b64('octocat:hunter2-pw');
    const uri = file(`{\n  "auths": {\n    "ghcr.io": {"auth": "${auth}"}\n  }\n}\n`);
    const editor = await open(uri);
    const md = await eventually(async () => mdOf(await hover(uri, at(editor.document, auth, 3))), (m) => /octocat/.test(m), 'our hover', 10_000);
    this.test.detail = /not encryption/.test(md) ? 'decoded, with warning' : 'decoded';
  });

  test('(k) our quick fixes (remove an empty entry)', async function () {
    const uri = file('{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "desktop"\n}\n');
    await open(uri);
    const ds = await eventually(async () => diagnostics(uri, SOURCE), (d) => d.some((x) => (x.code && x.code.value) === 'empty-auth' || x.code === 'empty-auth'), 'empty-auth', 10_000);
    const d = ds.find((x) => (x.code && x.code.value) === 'empty-auth' || x.code === 'empty-auth');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((a) => /empty/i.test(a.title));
    assert.ok(ours.length > 0, `no "remove empty" action among ${JSON.stringify(actions.map((a) => a.title))}`);
    this.test.detail = ours.map((a) => a.title).join('; ');
  });

  test('(l) a file matched only by dockerConfigGuard.files gets the same language', async function () {
    // .vscode/settings.json of the workspace: "dockerConfigGuard.files": ["**/custom/auth.json"]
    const uri = file(`{\n  "auths": {"ghcr.io": {"auth": "${b64('octocat:pw')}"}}\n}\n`, 'custom/auth.json');
    const editor = await open(uri);
    const lang = editor.document.languageId;
    await eventually(async () => diagnostics(uri, SOURCE), (d) => d.length > 0, 'our diagnostics on the custom file', 10_000);
    this.test.detail = `languageId ${lang}; our diagnostics: yes`;
    assert.strictEqual(lang, LANG, `the custom file is ${lang}, .docker/config.json is ${LANG}`);
  });

  // (m) applies only to the language variant: it is registered only there.
  (LANG === 'docker-config' ? test : () => undefined)('(m) setTextDocumentLanguage(docker-config) on a dockerConfigGuard.files match keeps JSON and our features', async function () {
    // What variant B would need for $DOCKER_CONFIG and dockerConfigGuard.files: the extension switching the language.
    const uri = file(`{"auths": {"ghcr.io": {"auth": "${b64('octocat:pw')}"}}}`, 'custom/auth.json');
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'docker-config');
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'docker-config');
    await eventually(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri), (s) => Array.isArray(s) && s.length > 0, 'outline after the switch');
    const edits = await eventually(() => vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true }), (e) => Array.isArray(e) && e.length > 0, 'format edits after the switch');
    await eventually(async () => diagnostics(uri, SOURCE), (d) => d.length > 0, 'our diagnostics after the switch', 10_000);
    this.test.detail = `outline, ${edits.length} format edits, our diagnostics`;
  });
});
