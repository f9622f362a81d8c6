// `verify` against the real distribution registry: Basic (htpasswd) and Bearer (token auth with the
// test's own token endpoint), TLS with a throwaway CA, and credentials from the real docker-credential-pass.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli';
import { PassEnv, createPassEnv } from '../support/pass-env';
import { Pki, Registry, TokenServer, freePort, htpasswd, makePki, requireTools, startRegistry, startTokenServer } from './harness';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const PW = 'Alice-Secret-1';
const BOB_PW = 'Bob-Secret-2';
const REFRESH = 'refresh-token-Secret-3';
const SECRETS = [PW, BOB_PW, REFRESH, 'wrong-Secret-4', b64(`alice:${PW}`), b64(`bob:${BOB_PW}`), b64('alice:wrong-Secret-4'), b64('mallory:wrong-Secret-4')];

let root = '';
let pki: Pki;
let basicReg: Registry;
let tokenReg: Registry;
let tokens: TokenServer;
let pass: PassEnv;

before(async () => {
  requireTools();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-verify-'));
  pki = makePki(root);
  htpasswd(path.join(root, 'htpasswd'), { alice: PW, bob: BOB_PW });
  basicReg = await startRegistry(path.join(root, 'basic'), pki, `  htpasswd: {realm: test, path: ${root}/htpasswd}\n`);
  tokens = await startTokenServer(pki, 'dcg-test-registry', { alice: PW }, { [REFRESH]: 'alice' });
  tokenReg = await startRegistry(
    path.join(root, 'token'),
    pki,
    `  token: {realm: "${tokens.realm}", service: dcg-test-registry, issuer: dcg-test-issuer, rootcertbundle: ${pki.signerCertFile}}\n`,
  );
  pass = createPassEnv();
});

after(async () => {
  basicReg?.stop();
  tokenReg?.stop();
  await tokens?.stop();
  pass?.cleanup();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface Row {
  registry: string;
  status: string;
  username: string | null;
  auth: string | null;
  source: string;
  detail: string;
}

let n = 0;
/** Runs `verify --format json` with a config of its own (and a HOME and PATH that hold nothing). */
async function verify(config: object, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; rows: Row[]; out: string; err: string; dir: string }> {
  const dir = path.join(root, `case-${n++}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  let out = '';
  let err = '';
  const code = await main(['verify', '--config', file, '--format', 'json', ...args], {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    env: { HOME: dir, PATH: path.join(dir, 'no-bin'), ...env },
  });
  for (const s of SECRETS) assert.ok(!out.includes(s) && !err.includes(s), `a secret in the output: ${out}${err}`);
  assert.ok(!out.includes('server text'), 'the server text is never shown');
  return { code, rows: code === 2 ? [] : (JSON.parse(out) as Row[]), out, err, dir };
}

const basicAuth = (user: string, pw: string): object => ({ auths: { [basicReg.host]: { auth: b64(`${user}:${pw}`) } } });

test('Basic: the right password over TLS with --ca-file is ok (exit 0)', async () => {
  const r = await verify(basicAuth('alice', PW), ['--ca-file', pki.caFile]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.rows, [{ registry: basicReg.host, status: 'ok', username: 'alice', auth: 'basic', source: 'auths', detail: r.rows[0].detail }]);
  assert.match(fs.readFileSync(basicReg.log, 'utf8'), /"msg":"authorized request"/, 'the real registry accepted the login');
});

test('Basic: the CA from certs.d/<host:port>/ca.crt next to the config is trusted', async () => {
  const cfgDir = path.join(root, 'certsd-case');
  fs.mkdirSync(path.join(cfgDir, 'certs.d', basicReg.host), { recursive: true });
  fs.copyFileSync(pki.caFile, path.join(cfgDir, 'certs.d', basicReg.host, 'ca.crt'));
  fs.writeFileSync(path.join(cfgDir, 'config.json'), JSON.stringify({ auths: { [basicReg.host]: { username: 'bob', password: BOB_PW } } }));
  let out = '';
  const code = await main(['verify', basicReg.host, '--config', path.join(cfgDir, 'config.json')], { out: (s) => (out += s + '\n'), err: (s) => (out += s + '\n'), env: { HOME: cfgDir, PATH: '/nonexistent' } });
  assert.equal(code, 0, out);
  assert.match(out, new RegExp(`^${basicReg.host}: ok \\(bob, basic, auths\\)`));
  assert.ok(!out.includes(BOB_PW));
});

test('Basic: a wrong password and an unknown user are unauthorized (exit 1)', async () => {
  for (const user of ['alice', 'mallory']) {
    const r = await verify(basicAuth(user, 'wrong-Secret-4'), ['--ca-file', pki.caFile]);
    assert.equal(r.code, 1);
    assert.equal(r.rows[0].status, 'unauthorized');
    assert.equal(r.rows[0].auth, 'basic');
    assert.equal(r.rows[0].username, user);
  }
});

test('TLS: a CA that did not sign the certificate is a tls-error, and no credentials are sent', async () => {
  const requests = (): number => fs.readFileSync(basicReg.log, 'utf8').split('"GET /v2/ HTTP/1.1"').length;
  const before = requests();
  const r = await verify({ auths: { [basicReg.host]: { auth: b64(`bob:${BOB_PW}`) } } }, ['--ca-file', pki.otherCaFile]);
  assert.equal(r.code, 1);
  assert.equal(r.rows[0].status, 'tls-error');
  assert.equal(r.rows[0].auth, null);
  assert.equal(requests(), before, 'no HTTP request reached the registry');
  const none = await verify({ auths: { [basicReg.host]: { auth: b64(`bob:${BOB_PW}`) } } }, []);
  assert.equal(none.rows[0].status, 'tls-error', 'without a CA the throwaway certificate is not trusted');
});

test('a closed port is unreachable', async () => {
  const port = await freePort();
  const r = await verify({ auths: { [`127.0.0.1:${port}`]: { auth: b64(`alice:${PW}`) } } }, ['--ca-file', pki.caFile]);
  assert.equal(r.code, 1);
  assert.equal(r.rows[0].status, 'unreachable');
});

test('a registry with no credentials: no-credentials, nothing sent', async () => {
  const r = await verify({ auths: {} }, [basicReg.host, '--ca-file', pki.caFile]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.rows[0], { registry: basicReg.host, status: 'no-credentials', username: null, auth: null, source: 'none', detail: r.rows[0].detail });
});

test('credentials from the real docker-credential-pass (credsStore)', async () => {
  execFileSync('docker-credential-pass', ['store'], { env: pass.env, input: JSON.stringify({ ServerURL: basicReg.host, Username: 'alice', Secret: PW }) });
  const ok = await verify({ credsStore: 'pass' }, [basicReg.host, '--ca-file', pki.caFile], pass.env);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.equal(ok.rows[0].source, 'credsStore');
  assert.equal(ok.rows[0].username, 'alice');
  const other = await verify({ credsStore: 'pass' }, [tokenReg.host, '--ca-file', pki.caFile], pass.env);
  assert.equal(other.rows[0].status, 'no-credentials');
});

test('Bearer: the token realm with the password, then /v2/ with the token (another host is named)', async () => {
  tokens.requests.length = 0;
  const r = await verify({ auths: { [tokenReg.host]: { auth: b64(`alice:${PW}`) } } }, ['--ca-file', pki.caFile]);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.rows[0].auth, 'bearer');
  assert.equal(r.rows[0].status, 'ok');
  assert.ok(r.rows[0].detail.includes(`127.0.0.1:${tokens.port}`), r.rows[0].detail);
  assert.deepEqual(tokens.requests, [{ grant: 'basic', user: 'alice' }]);
});

test('Bearer: a wrong password is unauthorized at the token service', async () => {
  const r = await verify({ auths: { [tokenReg.host]: { auth: b64(`alice:wrong-Secret-4`) } } }, ['--ca-file', pki.caFile]);
  assert.equal(r.code, 1);
  assert.equal(r.rows[0].status, 'unauthorized');
  assert.equal(r.rows[0].auth, 'bearer');
});

test('Bearer: the identity token goes as a refresh token', async () => {
  tokens.requests.length = 0;
  const r = await verify({ auths: { [tokenReg.host]: { auth: '', identitytoken: REFRESH } } }, ['--ca-file', pki.caFile]);
  assert.equal(r.rows[0].status, 'ok', r.out);
  assert.deepEqual(tokens.requests, [{ grant: 'refresh_token', user: 'alice' }]);
});

test('Bearer: an expired token is a token-error (the real registry rejects it)', async () => {
  tokens.expired = true;
  try {
    const r = await verify({ auths: { [tokenReg.host]: { auth: b64(`alice:${PW}`) } } }, ['--ca-file', pki.caFile]);
    assert.equal(r.code, 1);
    assert.equal(r.rows[0].status, 'token-error');
  } finally {
    tokens.expired = false;
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await verify({}, ['--format', 'xml'])).code, 2);
  assert.equal((await verify({}, ['--ca-file', path.join(root, 'missing.pem')])).code, 2);
});
