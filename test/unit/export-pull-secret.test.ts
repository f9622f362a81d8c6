// export-pull-secret: credentials from the real docker-credential-pass (and the file) as a pull secret that
// our own rules check clean, that kubelet's reading resolves to the expected user, and that kubectl accepts.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { analyzeManifest, decodeAuth, exportPullSecret, HelperClient, registryKeyOf, validObjectName } from '../../src/core';
import { kubectlOffline } from '../support/kube-discovery';
import { PassEnv, withPassStore } from '../support/pass-env';
import { b64 } from './util';

const SECRET = 'Pa55-w0rd-from-pass-must-not-leak';
const FILE_SECRET = 'file-secret-must-not-leak';
let pass: PassEnv;
let client: HelperClient;
let dir: string;
withPassStore((p, c) => {
  pass = p;
  client = c;
});
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-export-'));
  for (const [serverURL, username] of [['registry.example.com', 'alice'], ['https://index.docker.io/v1/', 'hubuser']]) {
    const stored = await client.storeAndVerify('pass', { serverURL, username, secret: SECRET });
    assert.equal(stored.ok, true);
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], opts: { tty?: boolean; answer?: string } = {}): Promise<{ code: number; out: string; err: string; asked: boolean }> {
  let out = '';
  let err = '';
  let asked = false;
  const code = await main(args, {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    env: { ...pass.env, HOME: dir },
    isTTY: opts.tty,
    ask: async () => {
      asked = true;
      return opts.answer ?? '';
    },
  });
  return { code, out, err, asked };
}

function config(text: string): string {
  const f = path.join(dir, `config-${Math.random().toString(16).slice(2)}.json`);
  fs.writeFileSync(f, text);
  return f;
}

/** The auths of the Secret's .dockerconfigjson as kubelet reads them (our manifest analysis). */
function kubeletAuths(yamlText: string): Record<string, { username: string; password: string; auth: string }> {
  const m = analyzeManifest(yamlText);
  assert.equal(m.secrets.length, 1);
  const cfg = JSON.parse(m.secrets[0].text!) as { auths: Record<string, { username: string; password: string; auth: string }> };
  assert.deepEqual(Object.keys(cfg).sort(), ['auths'], 'no credsStore, no credHelpers');
  // Clean: the only findings are the notice every pull secret manifest on disk gets (its auth and password
  // are readable by whoever reads the file), one per secret field; nothing kubelet would misread.
  const fields = Object.keys(cfg.auths).length * 2;
  assert.deepEqual(
    m.findings.map((f) => `${f.rule}/${f.severity}/${f.messageId}`),
    Array(fields).fill('plaintext-credential/warning/manifest'),
  );
  return cfg.auths;
}

describe('export-pull-secret with the real docker-credential-pass', () => {
  test('credsStore pass: the helper\'s credentials, only the registries asked for, file 0600, kubectl accepts it', async () => {
    const cfg = config(JSON.stringify({ credsStore: 'pass', auths: { 'other.io': { auth: b64(`bob:${FILE_SECRET}`) } } }));
    const outFile = path.join(dir, 'secret.yaml');
    const r = await run(['export-pull-secret', 'registry.example.com', 'docker.io', '--config', cfg, '--output', outFile, '--name', 'my-pull', '--namespace', 'team-a']);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.statSync(outFile).mode & 0o777, 0o600);
    assert.equal(r.out, '');
    assert.ok(!r.err.includes(SECRET) && !r.err.includes(b64(SECRET)), 'no secret in messages');
    assert.match(r.err, /registry\.example\.com: user "alice"/);
    const text = fs.readFileSync(outFile, 'utf8');
    assert.match(text, /^  name: my-pull$/m);
    assert.match(text, /^  namespace: team-a$/m);
    const auths = kubeletAuths(text);
    assert.deepEqual(Object.keys(auths).sort(), ['https://index.docker.io/v1/', 'registry.example.com']);
    for (const [key, user] of [['registry.example.com', 'alice'], ['https://index.docker.io/v1/', 'hubuser']]) {
      assert.equal(auths[key].username, user);
      assert.equal(auths[key].password, SECRET);
      const d = decodeAuth(auths[key].auth);
      assert.ok(d.ok && d.username === user && d.password === SECRET);
    }
    // kubectl, without a cluster: a client-side dry run against a stand-in that answers discovery only
    // (no OpenAPI schema, hence --validate=false); kubectl decodes the file and prints the object.
    const k = await kubectlOffline(['create', '--dry-run=client', '--validate=false', '-o', 'yaml', '-f', outFile], dir);
    assert.equal(k.status, 0, k.stderr);
    assert.ok(k.stdout.includes(`.dockerconfigjson: ${text.split('.dockerconfigjson: ')[1].trim()}`), 'kubectl kept the data as written');
    // the same kubectl run does refuse a file it cannot read (a Secret without its kind)
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, text.replace('kind: Secret\n', ''), { mode: 0o600 });
    assert.notEqual((await kubectlOffline(['create', '--dry-run=client', '--validate=false', '-o', 'yaml', '-f', broken], dir)).status, 0);
    assert.match(k.stdout, /type: kubernetes\.io\/dockerconfigjson/);
    assert.match(k.stdout, /name: my-pull/);
    assert.match(k.stdout, /namespace: team-a/);
  });
  test('a registry the helper does not know: exit 1, nothing written, no secret printed', async () => {
    const cfg = config('{"credsStore":"pass"}');
    const outFile = path.join(dir, 'none.yaml');
    const r = await run(['export-pull-secret', 'registry.example.com', 'unknown.example.org', '--config', cfg, '--output', outFile]);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown\.example\.org/);
    assert.equal(fs.existsSync(outFile), false);
    assert.ok(!r.out.includes(b64(SECRET).slice(0, 12)));
  });
  test('a terminal: asks before printing; "n" prints nothing, --yes prints without asking', async () => {
    const cfg = config('{"credsStore":"pass"}');
    const no = await run(['export-pull-secret', 'registry.example.com', '--config', cfg], { tty: true, answer: 'n' });
    assert.equal(no.asked, true);
    assert.equal(no.code, 1);
    assert.equal(no.out, '');
    const yes = await run(['export-pull-secret', 'registry.example.com', '--config', cfg, '--yes'], { tty: true });
    assert.equal(yes.asked, false);
    assert.equal(yes.code, 0);
    assert.equal(kubeletAuths(yes.out)['registry.example.com'].username, 'alice');
    const piped = await run(['export-pull-secret', 'registry.example.com', '--config', cfg]);
    assert.equal(piped.asked, false);
    assert.match(piped.out, /^kind: Secret$/m);
  });
});

describe('export-pull-secret from the file', () => {
  test('plaintext auth: the entry docker reads; credHelpers of another registry not copied', async () => {
    const cfg = config(JSON.stringify({ credHelpers: { 'gcr.io': 'gcloud' }, auths: { 'https://ghcr.io/v1/': { auth: b64(`carol:${FILE_SECRET}`) } } }));
    const r = await run(['export-pull-secret', 'ghcr.io', '--config', cfg]);
    assert.equal(r.code, 0, r.err);
    const auths = kubeletAuths(r.out);
    assert.deepEqual(Object.keys(auths), ['ghcr.io']);
    assert.equal(auths['ghcr.io'].username, 'carol');
    assert.ok(!r.err.includes(FILE_SECRET));
  });
  test('identity token: refused (kubelet cannot use it)', async () => {
    const cfg = config(JSON.stringify({ auths: { 'id.example.com': { identitytoken: 'tok-secret' } } }));
    const r = await run(['export-pull-secret', 'id.example.com', '--config', cfg]);
    assert.equal(r.code, 1);
    assert.match(r.err, /identity token/);
    assert.ok(!r.err.includes('tok-secret'));
  });
  test('usage errors: no registry, bad name, bad namespace', async () => {
    assert.equal((await run(['export-pull-secret'])).code, 2);
    assert.equal((await run(['export-pull-secret', 'a.io', '--name', 'Bad_Name'])).code, 2);
    assert.equal((await run(['export-pull-secret', 'a.io', '--namespace', 'a.b'])).code, 2);
  });
});

describe('export-pull-secret: expiring tokens', () => {
  const fake = (username: string, secret: string): HelperClient => ({
    get: async (_name, serverURL) => ({ ok: true, value: { serverURL, username, secret } }),
    list: async () => ({ ok: true, value: {} }),
    erase: async () => ({ ok: true, value: undefined }),
    storeAndVerify: async () => ({ ok: true }) as never,
  });
  const jwt = (payload: object) => `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
  test('ECR: warns of the 12 hours and how to refresh; JWT: the expiry time', async () => {
    const ecr = await exportPullSecret('{"credHelpers":{"1.dkr.ecr.eu-west-1.amazonaws.com":"ecr-login"}}', ['1.dkr.ecr.eu-west-1.amazonaws.com'], fake('AWS', 'x'), { name: 'r' });
    assert.equal(ecr.warnings.length, 1);
    assert.match(ecr.warnings[0], /12 hours.*Export it again/);
    const token = jwt({ exp: 2000000000 });
    const j = await exportPullSecret('{"credsStore":"x"}', ['r.io'], fake('u', token), { name: 'r', now: 0 });
    assert.match(j.warnings[0], /expires at 2033-05-18T03:33:20\.000Z/);
    assert.ok(!j.warnings[0].includes(token));
    const plain = await exportPullSecret('{"credsStore":"x"}', ['r.io'], fake('u', 'not-a-token'), { name: 'r' });
    assert.deepEqual(plain.warnings, []);
  });
  test('registry arguments: Docker Hub spellings, URLs, host:port', () => {
    assert.deepEqual(registryKeyOf('docker.io'), { registry: 'docker.io', key: 'https://index.docker.io/v1/' });
    assert.deepEqual(registryKeyOf('https://index.docker.io/v1/'), { registry: 'docker.io', key: 'https://index.docker.io/v1/' });
    assert.deepEqual(registryKeyOf('https://r.io:5000/v2/'), { registry: 'r.io:5000', key: 'r.io:5000' });
    assert.equal(validObjectName('a.b-c'), true);
    assert.equal(validObjectName('a.b', true), false);
  });
});
