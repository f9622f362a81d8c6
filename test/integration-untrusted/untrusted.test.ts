// The untrusted-workspace behaviour in the real editor (runner --untrusted): the file is analysed, but no
// credential helper runs (not on open, save, refresh, move or which-credentials); an information diagnostic
// says the live check did not run; the move quick fix is not offered; the workspace cannot change liveChecks.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { fakeHelperDir, FakeHelperDir } from '../support/fake-helper';
import { activated, calls, diagnosticAt, loggingHelper, open, quickFixes, userConfigFile, writeConfig } from '../integration/support';

const AUTH = Buffer.from('alice:untrusted-pw').toString('base64');

suite('untrusted workspace', () => {
  let fakes: FakeHelperDir;
  let log: string;
  const savedPath = process.env.PATH;

  suiteSetup(() => {
    fakes = fakeHelperDir();
    log = path.join(fakes.dir, 'logger.log');
    fakes.write('logger', loggingHelper(log, ['a.example', 'b.example']));
    process.env.PATH = fakes.path;
  });
  suiteTeardown(() => {
    process.env.PATH = savedPath;
    fakes?.cleanup();
  });

  test('the workspace is untrusted and its liveChecks value is not applied', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    assert.strictEqual(vscode.workspace.getConfiguration('dockerConfigGuard').get('liveChecks'), 'auto');
  });

  test('no helper runs; an information diagnostic says why; static rules still work', async () => {
    const file = userConfigFile();
    const text = JSON.stringify({ credsStore: 'logger', auths: { 'a.example': {}, 'b.example': { auth: AUTH } } }, null, 2);
    writeConfig(file, text);
    const document = await open(file);
    const info = await diagnosticAt(document, 'live-checks-off', '"a.example"');
    assert.strictEqual(info.severity, vscode.DiagnosticSeverity.Information);
    assert.match(info.message, /not trusted/);
    const shadowed = await diagnosticAt(document, 'shadowed-credential', `"${AUTH}"`);

    // The diagnostics can come from a lint that another one (file facts read on open) is replacing: ask until settled.
    let offered = false;
    for (const deadline = Date.now() + 5000; !offered && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      offered = (await quickFixes(document, await diagnosticAt(document, 'live-checks-off', '"a.example"'))).some((a) => a.command?.command === 'workbench.trust.manage');
    }
    assert.ok(offered, 'Manage Workspace Trust is offered');
    assert.ok(!(await quickFixes(document, shadowed)).some((a) => a.command?.command === 'dockerConfigGuard.moveSecrets'), 'move is not offered');

    await document.save();
    await vscode.commands.executeCommand('dockerConfigGuard.refreshLiveChecks');
    assert.strictEqual(await vscode.commands.executeCommand('dockerConfigGuard.moveSecrets', document.uri, undefined, { helper: 'logger' }), undefined);
    const which = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'b.example/app', { runHelpers: true });
    assert.match(which, /credsStore helper "logger"/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(calls(log), [], 'a credential helper ran in an untrusted workspace');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text);
  });
});

suite('test login and export in an untrusted workspace', () => {
  test('the command sends nothing and there is no code lens', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200).end('{}');
    });
    const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-login-'));
    try {
      const file = path.join(dir, '.docker', 'config.json');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, `{"auths":{"127.0.0.1:${port}":{"auth":"YTpi"}}}`);
      const uri = vscode.Uri.file(file);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      // The extension is active and analyses the file (else no lens would prove nothing): its static finding shows.
      await activated();
      await diagnosticAt(document, 'plaintext-credential', '"YTpi"');
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      assert.deepStrictEqual(lenses.filter((l) => l.command?.command === 'dockerConfigGuard.testLogin'), []);
      assert.strictEqual(await vscode.commands.executeCommand('dockerConfigGuard.testLogin', uri, `127.0.0.1:${port}`), undefined);
      assert.deepStrictEqual(seen, [], 'a request reached the registry');
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('export a pull secret runs no helper and writes nothing', async () => {
    const fakes = fakeHelperDir();
    const log = path.join(fakes.dir, 'logger.log');
    fakes.write('logger', loggingHelper(log, ['a.example']));
    const savedPath = process.env.PATH;
    process.env.PATH = fakes.path;
    try {
      const file = userConfigFile();
      writeConfig(file, { credsStore: 'logger', auths: { 'a.example': {} } });
      const output = path.join(path.dirname(file), 'regcred.yaml');
      const written = await vscode.commands.executeCommand('dockerConfigGuard.exportPullSecret', { registries: ['a.example'], name: 'regcred', output: vscode.Uri.file(output) });
      assert.strictEqual(written, undefined);
      assert.strictEqual(fs.existsSync(output), false);
      assert.deepStrictEqual(calls(log), [], 'a credential helper ran in an untrusted workspace');
    } finally {
      process.env.PATH = savedPath;
      fakes.cleanup();
    }
  });
});
