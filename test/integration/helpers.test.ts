// Credential helpers in the real editor (trusted workspace): live diagnostics from the real docker-credential-pass
// and scripted helpers, the "move secret into credential helper" quick fix end to end (then undo), the command on a
// file that is not open (atomic write through a symlink), the chmod quick fix, helper-not-found, which-credentials.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { helperClient } from '../../src/core/helpers/client';
import { fakeHelperDir, FakeHelperDir } from '../support/fake-helper';
import { createPassEnv, PassEnv } from '../support/pass-env';
import { calls, configFile, diagnosticAt, diagnostics, describe, loggingHelper, open, quickFixes, until, userConfigFile, writeConfig } from './support';

const PW = 'it-Pa55:w0rd';
const AUTH = Buffer.from(`alice:${PW}`).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

suite('credential helpers (trusted workspace)', () => {
  let pass: PassEnv;
  let fakes: FakeHelperDir;
  let log: string;
  const saved = { PATH: process.env.PATH, GNUPGHOME: process.env.GNUPGHOME, PASSWORD_STORE_DIR: process.env.PASSWORD_STORE_DIR };
  const client = () => helperClient();

  suiteSetup(() => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
    pass = createPassEnv();
    fakes = fakeHelperDir();
    log = path.join(fakes.dir, 'logger.log');
    fakes.write('logger', loggingHelper(log));
    fakes.write('broken', `echo 'no D-Bus session: cannot reach the secret service'; exit 1`);
    fakes.write('slow', `/bin/sleep 3; echo 'credentials not found in native keychain'; exit 1`);
    // The extension runs in this process: the helpers it starts see this environment.
    Object.assign(process.env, { PATH: fakes.path, GNUPGHOME: pass.env.GNUPGHOME, PASSWORD_STORE_DIR: pass.env.PASSWORD_STORE_DIR });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    pass?.cleanup();
    fakes?.cleanup();
  });

  test('live diagnostics on the user\'s Docker config: missing credentials, a failing helper; typing runs nothing, save and refresh do', async () => {
    assert.ok((await client().storeAndVerify('pass', { serverURL: 'ghcr.io', username: 'alice', secret: PW })).ok);
    const file = userConfigFile();
    writeConfig(file, {
      credsStore: 'pass',
      auths: { 'ghcr.io': {}, 'quay.io': {}, 'log.example': {}, 'r.example': {} },
      credHelpers: { 'log.example': 'logger', 'r.example': 'broken' },
    });
    const document = await open(file);
    const missing = await diagnosticAt(document, 'helper-missing-credential', '"quay.io"');
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /no basic auth credentials/);
    const failed = await diagnosticAt(document, 'helper-failed', '"broken"');
    assert.strictEqual(failed.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(failed.message, /no D-Bus session/);
    await diagnosticAt(document, 'helper-missing-credential', '"log.example"');
    assert.ok(!diagnostics(document.uri, 'helper-missing-credential').some((d) => document.getText(d.range) === '"ghcr.io"'), describe(document));
    assert.deepStrictEqual(calls(log), ['list ', 'get log.example']);

    // Typing: the diagnostics follow the text, no helper runs.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '  "psFormat": "table",\n'));
    await sleep(800);
    const moved = await diagnosticAt(document, 'helper-missing-credential', '"quay.io"');
    assert.strictEqual(moved.range.start.line, missing.range.start.line + 1);
    assert.strictEqual(calls(log).length, 2, 'a helper ran while typing');

    // Saving asks again; after storing quay.io, the refresh command clears its error.
    await document.save();
    await until(() => calls(log).length === 4, 'the helpers run again on save');
    assert.ok((await client().storeAndVerify('pass', { serverURL: 'quay.io', username: 'q', secret: PW })).ok);
    await vscode.commands.executeCommand('dockerConfigGuard.refreshLiveChecks');
    await until(() => !diagnostics(document.uri, 'helper-missing-credential').some((d) => document.getText(d.range) === '"quay.io"'), 'the quay.io error is gone');
  });

  test('a slow helper never blocks hovering', async () => {
    const file = userConfigFile();
    writeConfig(file, { credsStore: 'slow', auths: { 'slow.example': {} } });
    const document = await open(file);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const refresh = vscode.commands.executeCommand('dockerConfigGuard.refreshLiveChecks');
    const position = document.positionAt(document.getText().indexOf('slow.example') + 2);
    const started = Date.now();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    assert.ok(Date.now() - started < 1500, `hover took ${Date.now() - started} ms`);
    assert.ok(hovers.some((h) => h.contents.some((c) => String((c as vscode.MarkdownString).value ?? c).includes('slow'))));
    await refresh;
    await diagnosticAt(document, 'helper-missing-credential', '"slow.example"');
  });

  test('quick fix "Move secret into credential helper" with the real pass, then undo', async () => {
    const text = `{\n  "auths": {\n    "one.example": {\n      "auth": "${AUTH}"\n    },\n    "two.example": {}\n  },\n  "credsStore": "pass"\n}\n`;
    const file = configFile('move', text);
    const document = await open(file);
    const diagnostic = await diagnosticAt(document, 'shadowed-credential', `"${AUTH}"`);
    const fix = (await quickFixes(document, diagnostic)).find((a) => a.title.startsWith('Move secret into credential helper'));
    assert.ok(fix?.command, 'the quick fix is offered');
    const running = Promise.resolve(vscode.commands.executeCommand<{ moved: string[]; notMoved: unknown[] }>(fix.command.command, ...(fix.command.arguments ?? [])));
    // The command asks who else reads the file: accept the first answer ("Docker only").
    let done = false;
    void running.finally(() => (done = true));
    while (!done) {
      await sleep(300);
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const summary = await running;
    assert.deepStrictEqual(summary, { moved: ['one.example'], notMoved: [] });
    const after = `{\n  "auths": {\n    "two.example": {}\n  },\n  "credsStore": "pass"\n}\n`;
    assert.strictEqual(document.getText(), after);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), after, 'the file was saved: the secret left the disk');
    const got = await client().get('pass', 'one.example');
    assert.ok(got.ok && got.value.username === 'alice' && got.value.secret === PW, 'pass holds the credentials');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), text, 'undo brings the entry back');
  });

  test('the command on a file that is not open: atomic write through a symlink, mode kept, credHelpers written', async () => {
    const real = configFile('atomic', { auths: { 'a.example': { auth: AUTH }, 'b.example': { username: 'bob', password: PW } } }, 0o640);
    const link = path.join(path.dirname(real), 'link.json');
    fs.symlinkSync(real, link);
    const summary = await vscode.commands.executeCommand('dockerConfigGuard.moveSecrets', vscode.Uri.file(link), undefined, { helper: 'pass', alsoCredHelpers: true });
    assert.deepStrictEqual(summary, { moved: ['a.example', 'b.example'], notMoved: [] });
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.strictEqual(fs.statSync(real).mode & 0o777, 0o640);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(real, 'utf8')), { auths: {}, credsStore: 'pass', credHelpers: { 'a.example': 'pass', 'b.example': 'pass' } });
    const got = await client().get('pass', 'b.example');
    assert.ok(got.ok && got.value.username === 'bob' && got.value.secret === PW);
  });

  test('file-permissions: the quick fix sets mode 0600 and the warning goes', async () => {
    const file = configFile('mode', { auths: { 'm.example': { auth: AUTH } } }, 0o644);
    const document = await open(file);
    const diagnostic = await diagnosticAt(document, 'file-permissions', `"${AUTH}"`);
    assert.match(diagnostic.message, /0644/);
    const fix = (await quickFixes(document, diagnostic)).find((a) => a.command?.command === 'dockerConfigGuard.restrictFileMode');
    assert.ok(fix?.command);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    await until(() => diagnostics(document.uri, 'file-permissions').length === 0, 'the warning is gone');
  });

  test('helper-not-found: a credsStore helper that is not on PATH', async () => {
    const document = await open(configFile('missing', { credsStore: 'nosuchhelper', auths: { 'x.example': {} } }));
    const d = await diagnosticAt(document, 'helper-not-found', '"nosuchhelper"');
    assert.match(d.message, /executable file not found in \$PATH/);
  });

  test('which credentials, asking the helper as docker would', async () => {
    const document = await open(configFile('which', { credsStore: 'pass', auths: { 'ghcr.io': {} } }));
    await vscode.window.showTextDocument(document);
    const message = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'ghcr.io/team/app:1', { runHelpers: true });
    assert.match(message, /credsStore helper "pass".*username "alice"/);
    assert.ok(!message.includes(PW));
  });
});
