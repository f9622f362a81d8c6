import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as vscode from 'vscode';
import { activated } from './support';
import { cleanTempFiles, closeAll, open, tempFile } from './util';

interface Row {
  registry: string;
  status: string;
  username: string | null;
  auth: string | null;
}

suite('test login', () => {
  let server: http.Server;
  let port = 0;
  const seen: string[] = [];
  suiteSetup(async () => {
    // a plain-HTTP registry on loopback that takes user alice with password pw-Secret (Basic)
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      const ok = req.headers.authorization === 'Basic ' + Buffer.from('alice:pw-Secret').toString('base64');
      res.writeHead(ok ? 200 : 401, ok ? {} : { 'www-authenticate': 'Basic realm="t"' }).end('{}');
    });
    port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
  });
  suiteTeardown(async () => {
    server.close();
    await closeAll();
    cleanTempFiles();
  });

  test('a Test login code lens on each registry key; clicking one tests that login, nothing is sent before', async () => {
    const auth = Buffer.from('alice:pw-Secret').toString('base64');
    const text = `{\n  "auths": {\n    "127.0.0.1:${port}": {"auth": "${auth}"},\n    "https://index.docker.io/v1/": {}\n  },\n  "credHelpers": {"ghcr.io": "dcg-store"},\n  "psFormat": "table"\n}\n`;
    const uri = tempFile(text, 'lens/.docker/config.json');
    const editor = await open(uri);
    await activated();
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const ours = lenses.filter((l) => l.command?.command === 'dockerConfigGuard.testLogin');
    assert.strictEqual(ours.length, lenses.length, `only our lenses on a Docker config: ${JSON.stringify(lenses.map((l) => l.command?.command))}`);
    // One per registry key (auths and credHelpers), on the key's quotes, in document order; none elsewhere.
    const keys = [`"127.0.0.1:${port}"`, '"https://index.docker.io/v1/"', '"ghcr.io"'];
    assert.deepStrictEqual(
      ours.map((l) => [editor.document.getText(l.range), l.range.start.line]),
      keys.map((k) => [k, editor.document.positionAt(text.indexOf(k)).line]),
    );
    for (const l of ours) assert.strictEqual(l.command?.title, 'Test login');
    assert.deepStrictEqual(
      ours.map((l) => (l.command?.arguments ?? []).map(String)),
      [`127.0.0.1:${port}`, 'docker.io', 'ghcr.io'].map((r) => [uri.toString(), r]), // the registry each key names
    );
    assert.strictEqual(seen.length, 0, 'nothing is sent before the lens is clicked');
    const command = ours[0].command!;
    const rows = await vscode.commands.executeCommand<Row[]>(command.command, ...(command.arguments ?? []));
    assert.deepStrictEqual(rows?.map((r) => [r.registry, r.status, r.auth, r.username]), [[`127.0.0.1:${port}`, 'ok', 'basic', 'alice']]);
    assert.strictEqual(seen.length > 0, true, 'the click tested the login');
  });

  test('no code lens on a JSON file that is not a Docker config', async () => {
    const uri = tempFile(`{"auths":{"127.0.0.1:${port}":{"auth":"YTpi"}}}`, 'project/settings.json');
    await open(uri);
    await activated();
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    assert.deepStrictEqual(lenses.filter((l) => l.command?.command === 'dockerConfigGuard.testLogin'), []);
  });

  test('the command tests the login and reports ok, or unauthorized for a wrong password', async () => {
    const good = tempFile(`{"auths":{"127.0.0.1:${port}":{"auth":"${Buffer.from('alice:pw-Secret').toString('base64')}"}}}`, 'good/config.json');
    const rows = await vscode.commands.executeCommand<Row[]>('dockerConfigGuard.testLogin', good, `127.0.0.1:${port}`);
    assert.deepStrictEqual(rows?.map((r) => [r.status, r.auth, r.username]), [['ok', 'basic', 'alice']]);
    const bad = tempFile(`{"auths":{"127.0.0.1:${port}":{"auth":"${Buffer.from('alice:nope-Secret').toString('base64')}"}}}`, 'bad/config.json');
    const rows2 = await vscode.commands.executeCommand<Row[]>('dockerConfigGuard.testLogin', bad, `127.0.0.1:${port}`);
    assert.deepStrictEqual(rows2?.map((r) => r.status), ['unauthorized']);
  });
});
