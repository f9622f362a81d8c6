// kubelet cannot run here: kubernetes' own tests of pkg/credentialprovider (keyring_test.go, config_test.go),
// each case cited by file and test name, as table tests of `resolve --client kubelet` (dist/cli.js):
// `usernames` is every matching entry, most specific first, as BasicDockerKeyring.Lookup returns them.
// And kubectl (installed here, no cluster) as the judge of the pull-secret format it writes.
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const KR = 'kubernetes pkg/credentialprovider/keyring_test.go';
const CF = 'kubernetes pkg/credentialprovider/config_test.go';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const FOO = { email: 'foo@bar.baz', auth: b64('foo:bar') };

interface Case {
  cite: string;
  /** the entries under auths */
  auths: Record<string, unknown>;
  image: string;
  /** usernames kubelet tries, in order; 'error' when it cannot decode the config */
  expect: string[] | 'error';
}

const ada = { username: 'ada', password: 'smash', email: 'ada@example.com' };
const grace = { username: 'grace', password: 'squash', email: 'grace@example.com' };
const pong = { 'bar.example.com/pong': grace, 'bar.example.com': ada };

const CASES: Case[] = [
  // TestDockerKeyringLookup
  ...([
    ['bar.example.com/pong', ['grace', 'ada'], 'direct match deeper than other possible matches'],
    ['bar.example.com/ping', ['ada'], 'no direct match, deeper path ignored'],
    ['bar.example.com/pongz', ['grace', 'ada'], 'match first part of path token'],
    ['bar.example.com/pong/pang', ['grace', 'ada'], 'match regardless of sub-path'],
    ['example.com', [], 'no host match'],
    ['foo.example.com', [], 'no host match'],
  ] as const).map(([image, expect, why]): Case => ({ cite: `${KR} TestDockerKeyringLookup: ${why}`, auths: pong, image, expect: [...expect] })),
  // TestDockerKeyringForGlob: the key's credentials are found for targetUrl + "/foo/bar"
  ...[
    ['https://hello.kubernetes.io', 'hello.kubernetes.io'],
    ['https://*.docker.io', 'prefix.docker.io'],
    ['https://prefix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.*', 'prefix.docker.io'],
    ['https://*.docker.io/path', 'prefix.docker.io/path'],
    ['https://prefix.*.io/path', 'prefix.docker.io/path/subpath'],
    ['https://prefix.docker.*/path', 'prefix.docker.io/path'],
    ['https://*.docker.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.*.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.docker.*:8888', 'prefix.docker.io:8888'],
    ['https://*.docker.io/v1/', 'prefix.docker.io/path'],
    ['https://*.docker.io/v2/', 'prefix.docker.io/path'],
    ['prefix.docker.io:1111', 'prefix.docker.io:1111/path'],
    ['*.docker.io:1111', 'prefix.docker.io:1111/path'],
  ].map(([key, target]): Case => ({ cite: `${KR} TestDockerKeyringForGlob: ${key}`, auths: { [key]: FOO }, image: `${target}/foo/bar`, expect: ['foo'] })),
  // TestKeyringMiss
  ...[
    ['https://hello.kubernetes.io', 'world.mesos.org/foo/bar'],
    ['https://*.docker.com', 'prefix.docker.io'],
    ['https://suffix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.c*', 'prefix.docker.io'],
    ['suffix.*.io', 'prefix.docker.io'],
  ].map(([key, target]): Case => ({ cite: `${KR} TestKeyringMiss: ${key}`, auths: { [key]: FOO }, image: `${target}/foo/bar`, expect: [] })),
  { cite: `${KR} TestKeyringMissWithDockerHubCredentials`, auths: { 'https://index.docker.io/v1/': FOO }, image: 'world.mesos.org/foo/bar', expect: [] },
  { cite: `${KR} TestKeyringHitWithUnqualifiedDockerHub`, auths: { 'https://index.docker.io/v1/': FOO }, image: 'google/docker-registry', expect: ['foo'] },
  { cite: `${KR} TestKeyringHitWithUnqualifiedLibraryDockerHub`, auths: { 'https://index.docker.io/v1/': FOO }, image: 'jenkins', expect: ['foo'] },
  { cite: `${KR} TestKeyringHitWithQualifiedDockerHub`, auths: { 'https://index.docker.io/v1/': FOO }, image: 'index.docker.io/google/docker-registry', expect: ['foo'] },
  // TestDockerConfigEntryJSONDecode (config_test.go), the entry under a host
  ...([
    [{ username: 'foo', password: 'bar', email: 'foo@example.com' }, ['foo'], 'simple case, just decode the fields'],
    [{ auth: 'Zm9vOmJhcg==', email: 'foo@example.com' }, ['foo'], 'auth field decodes to username & password'],
    [{ username: 'foo', password: 'bar', auth: 'cGluZzpwb25n', email: 'foo@example.com' }, ['ping'], 'auth field overrides username & password'],
    [{ auth: 'pants', email: 'foo@example.com' }, 'error', 'poorly-formatted auth causes failure'],
    [{ email: false }, 'error', 'wrong type for email causes failure'],
  ] as const).map(([entry, expect, why]): Case => ({
    cite: `${CF} TestDockerConfigEntryJSONDecode: ${why}`, auths: { 'registry.example.com': entry }, image: 'registry.example.com/a/b', expect: expect === 'error' ? 'error' : [...expect],
  })),
  // The claim (kubelet decodes only username, password, email, auth: DockerConfigEntry in config.go)
  { cite: 'kubernetes pkg/credentialprovider/config.go DockerConfigEntry: identitytoken is not a field', auths: { 'registry.example.com': { ...FOO, identitytoken: 5 } }, image: 'registry.example.com/a/b', expect: ['foo'] },
];

let tmp: string;
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-kubelet-')); });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Answer { status: number | null; usernames?: string[]; error?: unknown; raw: string }

function resolveKubelet(file: string, image: string): Promise<Answer> {
  const env = { PATH: SYSTEM_PATH, HOME: tmp, XDG_RUNTIME_DIR: tmp };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'resolve', image, '--client', 'kubelet', '--config', file, '--format', 'json'], { env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (status !== 0) return resolve({ status, raw: stderr.trim() });
        const j = JSON.parse(stdout) as { usernames?: string[]; error?: unknown };
        resolve({ status, usernames: j.usernames, error: j.error, raw: stdout.trim().slice(0, 300) });
      });
  });
}

test(`kubelet: kubernetes' own keyring and config tests (${CASES.length} cases)`, async () => {
  // One probe first: without `resolve --client kubelet` (issue 11) this fails with one clear line.
  fs.writeFileSync(path.join(tmp, 'probe.json'), '{"auths":{}}');
  const probe = spawnSync(process.execPath, [CLI, 'resolve', 'x/y:1', '--client', 'kubelet', '--config', path.join(tmp, 'probe.json'), '--format', 'json'],
    { env: { PATH: SYSTEM_PATH, HOME: tmp, XDG_RUNTIME_DIR: tmp }, encoding: 'utf8' });
  assert.equal(probe.status, 0, `resolve --client kubelet is not supported by dist/cli.js: ${probe.stderr.trim()}`);
  const wrong: string[] = [];
  for (let i = 0; i < CASES.length; i += 6) {
    await Promise.all(CASES.slice(i, i + 6).map(async (c, j) => {
      const file = path.join(tmp, `c${i + j}.json`);
      fs.writeFileSync(file, JSON.stringify({ auths: c.auths }));
      const r = await resolveKubelet(file, c.image);
      const got = r.status !== 0 ? `exit ${r.status}: ${r.raw}` : r.error ? 'error' : JSON.stringify(r.usernames ?? []);
      const want = c.expect === 'error' ? 'error' : JSON.stringify(c.expect);
      if (got !== want) wrong.push(`${c.cite} — ${c.image}: expected ${want}, got ${got}`);
    }));
  }
  assert.deepEqual(wrong, []);
});

test('kubectl writes the pull secret format that kubelet reads: resolve --client kubelet takes the user from it', async () => {
  const env = { PATH: SYSTEM_PATH, HOME: tmp };
  const k = spawnSync('kubectl', ['create', 'secret', 'docker-registry', 'regcred', '--docker-server=r.example:5000',
    '--docker-username=kube-user', '--docker-password=kube-pw', '--docker-email=k@example.com', '--dry-run=client', '-o', 'yaml'],
  { env, encoding: 'utf8' });
  assert.equal(k.status, 0, `kubectl is missing or failed: ${k.stderr}`);
  assert.match(k.stdout, /type: kubernetes\.io\/dockerconfigjson/);
  const file = path.join(tmp, 'regcred.yaml');
  fs.writeFileSync(file, k.stdout);
  // our checker raises no error on kubectl's own output (a plaintext-credential warning is expected)
  const check = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { env, encoding: 'utf8' });
  const report = JSON.parse(check.stdout) as { files: Array<{ findings: Array<{ rule: string; severity: string }> }> };
  const errors = report.files.flatMap((f) => f.findings).filter((f) => f.severity === 'error');
  assert.deepEqual(errors, [], 'kubectl\'s Secret must not be reported as an error');
  assert.ok(!check.stdout.includes('kube-pw'), 'no secret in the report');
  const r = await resolveKubelet(file, 'r.example:5000/team/app:1');
  assert.equal(r.status, 0, r.raw);
  assert.deepEqual(r.usernames, ['kube-user']);
  assert.ok(!r.raw.includes('kube-pw'), 'no secret in the answer');
});
