import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as vscode from 'vscode';
import { cleanTempFiles, closeAll, tempFile } from './util';

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

  test('the command tests the login and reports ok, or unauthorized for a wrong password', async () => {
    const good = tempFile(`{"auths":{"127.0.0.1:${port}":{"auth":"${Buffer.from('alice:pw-Secret').toString('base64')}"}}}`, 'good/config.json');
    const rows = await vscode.commands.executeCommand<Row[]>('dockerConfigGuard.testLogin', good, `127.0.0.1:${port}`);
    assert.deepStrictEqual(rows?.map((r) => [r.status, r.auth, r.username]), [['ok', 'basic', 'alice']]);
    const bad = tempFile(`{"auths":{"127.0.0.1:${port}":{"auth":"${Buffer.from('alice:nope-Secret').toString('base64')}"}}}`, 'bad/config.json');
    const rows2 = await vscode.commands.executeCommand<Row[]>('dockerConfigGuard.testLogin', bad, `127.0.0.1:${port}`);
    assert.deepStrictEqual(rows2?.map((r) => r.status), ['unauthorized']);
  });
});
