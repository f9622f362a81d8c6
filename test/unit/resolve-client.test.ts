// Issue 11 (part A): `resolve IMAGE --client X`, the answer of each client per its own source (cited in
// src/core/clientResolve.ts, clientKeys.ts, clientFiles.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { resolveForClient, ResolveClient, CandidateFile } from '../../src/core';
import { kubeletKeyOf, kubeletMatches, containersKeyOf, imageRepository } from '../../src/core/clientKeys';
import { b64 } from './util';

const SECRET = 'S3cret-must-not-leak';
const auth = (user: string) => b64(`${user}:${SECRET}`);
const file = (text: unknown, legacy = false): CandidateFile => ({ file: 'f', text: typeof text === 'string' ? text : JSON.stringify(text), legacy });
const ask = (client: ResolveClient, image: string, ...files: CandidateFile[]) => resolveForClient(client, image, files);

test('the answer never holds a secret, and has exactly the agreed fields', () => {
  const a = ask('podman', 'quay.io/a/b', file({ auths: { 'quay.io': { auth: auth('alice') } } }));
  assert.deepEqual(Object.keys(a), ['client', 'registry', 'file', 'key', 'source', 'helper', 'username', 'usernames', 'error', 'skipped']);
  assert.ok(!JSON.stringify(a).includes(SECRET) && !JSON.stringify(a).includes(auth('alice')));
  assert.equal(a.username, 'alice');
});

const cases: Array<{ name: string; client: ResolveClient; image: string; files: CandidateFile[]; expect: Record<string, unknown> }> = [
  // containers/image: a field it does not decode does not matter
  { name: 'podman reads auth beside a numeric serveraddress', client: 'podman', image: 'quay.io/x', files: [file({ auths: { 'quay.io': { auth: auth('alice'), serveraddress: 7 } } })], expect: { source: 'auths', usernames: ['alice'], error: null } },
  { name: 'podman fails on a numeric identitytoken', client: 'podman', image: 'quay.io/x', files: [file({ auths: { 'quay.io': { auth: auth('alice'), identitytoken: 5 } } })], expect: { source: 'none', usernames: [] } },
  // namespaces, most specific first
  { name: 'skopeo takes the namespace entry first', client: 'skopeo', image: 'quay.io/team/app:1', files: [file({ auths: { 'quay.io': { auth: auth('host') }, 'quay.io/team': { auth: auth('team') } } })], expect: { key: 'quay.io/team', usernames: ['team'] } },
  { name: 'docker ignores the namespace (one host)', client: 'docker', image: 'quay.io/team/app', files: [file({ auths: { 'quay.io': { auth: auth('host') } } })], expect: { key: 'quay.io', usernames: ['host'] } },
  // Docker Hub: containers/image asks credHelpers["docker.io"], never the docker key
  { name: 'podman does not ask a Hub helper keyed https://index.docker.io/v1/', client: 'podman', image: 'alpine', files: [file({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } })], expect: { source: 'none', helper: null } },
  { name: 'docker asks that helper', client: 'docker', image: 'alpine', files: [file({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } })], expect: { source: 'credHelpers', helper: 'desktop' } },
  { name: 'buildah asks credHelpers docker.io for Hub', client: 'buildah', image: 'docker.io/library/alpine', files: [file({ credHelpers: { 'docker.io': 'pass' } })], expect: { source: 'credHelpers', helper: 'pass', key: 'docker.io' } },
  { name: 'podman finds Hub under https://index.docker.io/v1/ in auths', client: 'podman', image: 'alpine', files: [file({ auths: { 'https://index.docker.io/v1/': { auth: auth('hub') } } })], expect: { usernames: ['hub'] } },
  // podman moves on to the next file for an empty entry or an auth without a colon
  { name: 'podman moves on past an empty entry', client: 'podman', image: 'quay.io/x', files: [file({ auths: { 'quay.io': {} } }), file({ auths: { 'quay.io': { auth: auth('second') } } })], expect: { usernames: ['second'] } },
  { name: 'podman moves on past an auth without a colon', client: 'podman', image: 'quay.io/x', files: [file({ auths: { 'quay.io': { auth: b64('nocolon') } } }), file({ auths: { 'quay.io': { auth: auth('second') } } })], expect: { usernames: ['second'] } },
  { name: 'podman stops on an auth that is not base64', client: 'podman', image: 'quay.io/x', files: [file({ auths: { 'quay.io': { auth: 'dTpw-' } } }), file({ auths: { 'quay.io': { auth: auth('second') } } })], expect: { usernames: [], source: 'none' } },
  { name: 'podman skips missing files', client: 'podman', image: 'quay.io/x', files: [{ file: 'gone', missing: true }, file({ auths: { 'quay.io': { auth: auth('a') } } })], expect: { usernames: ['a'] } },
  { name: 'docker reads only the first file that exists', client: 'docker', image: 'quay.io/x', files: [file({ auths: { 'quay.io': {} } }), file({ auths: { 'quay.io': { auth: auth('second') } } })], expect: { usernames: [], source: 'none' } },
  // ~/.dockercfg: registries at the top level
  { name: 'podman reads a legacy ~/.dockercfg', client: 'podman', image: 'quay.io/x', files: [file({ 'https://quay.io/v1/': { auth: auth('old'), email: '' } }, true)], expect: { usernames: ['old'] } },
  // docker/cli removed the ~/.dockercfg fallback in v23.0 (test/conformance/hosts.test.ts shows docker 28 sends nothing)
  { name: 'docker does not read a legacy ~/.dockercfg', client: 'docker', image: 'quay.io/x', files: [file({ 'quay.io': { auth: auth('old') } }, true)], expect: { source: 'none', usernames: [], file: null } },
  // containers/image reads the legacy file without namespaces: every key cut at its first "/"
  { name: 'podman cuts legacy keys at "/"', client: 'podman', image: 'quay.io/x', files: [file({ 'quay.io/team': { auth: auth('old') } }, true)], expect: { key: 'quay.io/team', usernames: ['old'] } },
  { name: 'podman looks up no namespace in a legacy file', client: 'podman', image: 'quay.io/team/x', files: [file({ 'quay.io/team': { auth: auth('team') }, 'quay.io': { auth: auth('host') } }, true)], expect: { key: 'quay.io', usernames: ['host'] } },
  { name: 'podman keeps an ftp:// key as it is', client: 'podman', image: 'example.com/x', files: [file({ auths: { 'ftp://example.com': { auth: auth('ftp') } } })], expect: { source: 'none', usernames: [] } },
  { name: 'docker reduces an ftp:// key to its host', client: 'docker', image: 'example.com/x', files: [file({ auths: { 'ftp://example.com': { auth: auth('ftp') } } })], expect: { source: 'auths', usernames: ['ftp'] } },
  { name: 'a broken ~/.dockercfg makes podman fail', client: 'podman', image: 'quay.io/x', files: [file('{"quay.io":', true)], expect: { usernames: [] } },
  // kubelet: every matching entry, most specific first (kubernetes keyring_test.go TestDockerKeyringLookup)
  { name: 'kubelet tries the namespace entry, then the host entry', client: 'kubelet', image: 'bar.example.com/pong', files: [file({ auths: { 'bar.example.com': { auth: auth('host') }, 'bar.example.com/pong': { auth: auth('ns') } } })], expect: { usernames: ['ns', 'host'], key: 'bar.example.com/pong' } },
  { name: 'kubelet: an empty namespace entry does not block the host entry', client: 'kubelet', image: 'bar.example.com/pong', files: [file({ auths: { 'bar.example.com/pong': {}, 'bar.example.com': { auth: auth('host') } } })], expect: { usernames: ['host'], source: 'auths' } },
  { name: 'kubelet: globs match one host part each', client: 'kubelet', image: 'a.example.com/x', files: [file({ auths: { '*.example.com': { username: 'g', password: 'p' }, '*.com': { username: 'no', password: 'p' } } })], expect: { usernames: ['g'] } },
  { name: 'kubelet: the port must be the same', client: 'kubelet', image: 'r.io:5000/x', files: [file({ auths: { 'r.io': { auth: auth('a') } } })], expect: { usernames: [] } },
  { name: 'kubelet: Docker Hub under index.docker.io', client: 'kubelet', image: 'nginx', files: [file({ auths: { 'https://index.docker.io/v1/': { auth: auth('hub') } } })], expect: { usernames: ['hub'] } },
  { name: 'kubelet skips an identitytoken of the wrong type', client: 'kubelet', image: 'r.io/x', files: [file({ auths: { 'r.io': { auth: auth('a'), identitytoken: 5 } } })], expect: { usernames: ['a'], error: null } },
];

for (const c of cases) {
  test(`resolve --client: ${c.name}`, () => {
    const a = ask(c.client, c.image, ...c.files);
    for (const [k, v] of Object.entries(c.expect)) assert.deepEqual((a as unknown as Record<string, unknown>)[k], v, `${k}: ${JSON.stringify(a)}`);
  });
}

test('failures are answers with an error, not thrown', () => {
  for (const [client, text] of [['podman', '{"auths":{"quay.io":{"auth":"dTpw-"}}}'], ['skopeo', '{"auths":'], ['kubelet', '{"auths":{"quay.io":{"email":false}}}'], ['podman', '']] as const) {
    const a = ask(client, 'quay.io/x', file(text));
    assert.equal(typeof a.error, 'string', `${client} ${text}`);
    assert.equal(a.source, 'none');
  }
});

test('keys: kubelet and containers/image readings', () => {
  assert.equal(kubeletKeyOf('https://index.docker.io/v1/'), 'index.docker.io');
  assert.equal(kubeletKeyOf('http://bar.example.com/v2/pong'), 'bar.example.com/pong');
  assert.equal(kubeletMatches('*.kubernetes.io', 'prefix.kubernetes.io/foo'), true);
  assert.equal(kubeletMatches('*.kubernetes.io', 'kubernetes.io/foo'), false);
  assert.equal(kubeletMatches('prefix.*.io', 'prefix.kubernetes.io/foo'), true);
  assert.equal(kubeletMatches('bar.example.com/pong', 'bar.example.com/ponger'), true); // a path prefix, as keyring.go
  assert.equal(containersKeyOf('https://registry-1.docker.io/v2/'), 'docker.io');
  assert.equal(containersKeyOf('quay.io/team'), 'quay.io/team');
  assert.deepEqual(imageRepository('alpine:3@sha256:00'), { registry: 'docker.io', repository: 'library/alpine' });
  assert.deepEqual(imageRepository('localhost:5000/a/b:1'), { registry: 'localhost:5000', repository: 'a/b' });
});

async function run(args: string[], env: NodeJS.ProcessEnv) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env });
  return { code, out, err };
}

test('CLI: --config, a manifest with --secret, the search order with skipped files, exit codes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-client-'));
  try {
    const home = path.join(dir, 'home');
    const w = (rel: string, text: string) => {
      const f = path.join(home, rel);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text);
      return f;
    };
    const env = { HOME: home, PATH: '/nonexistent' };
    const podmanFile = w('.config/containers/auth.json', JSON.stringify({ auths: { 'quay.io': {} } }));
    const dockerFile = w('.docker/config.json', JSON.stringify({ auths: { 'https://quay.io': { auth: auth('bob') } } }));
    let r = await run(['resolve', 'quay.io/x', '--client', 'podman', '--format', 'json'], env);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out);
    assert.equal(a.file, dockerFile);
    assert.deepEqual(a.usernames, ['bob']);
    assert.deepEqual(a.skipped.map((s: { file: string }) => s.file), [podmanFile]);
    assert.ok(!r.out.includes(SECRET));
    r = await run(['resolve', 'quay.io/x', '--client', 'docker', '--format', 'json'], env);
    assert.equal(JSON.parse(r.out).file, dockerFile);
    // REGISTRY_AUTH_FILE alone
    r = await run(['resolve', 'quay.io/x', '--client', 'buildah', '--format', 'json'], { ...env, REGISTRY_AUTH_FILE: podmanFile });
    assert.deepEqual(JSON.parse(r.out).usernames, []);
    const manifest = w(
      'k8s.yaml',
      ['apiVersion: v1', 'kind: Secret', 'metadata: {name: one}', 'type: kubernetes.io/dockerconfigjson', 'stringData:', `  .dockerconfigjson: '${JSON.stringify({ auths: { 'r.io': { auth: auth('first') } } })}'`, '---', 'apiVersion: v1', 'kind: Secret', 'metadata: {name: two}', 'type: kubernetes.io/dockerconfigjson', 'stringData:', `  .dockerconfigjson: '${JSON.stringify({ auths: { 'r.io': { auth: auth('second') } } })}'`, ''].join('\n'),
    );
    r = await run(['resolve', 'r.io/x', '--client', 'kubelet', '--config', manifest, '--format', 'json'], env);
    assert.deepEqual(JSON.parse(r.out).usernames, ['first']);
    r = await run(['resolve', 'r.io/x', '--client', 'kubelet', '--config', manifest, '--secret', 'two', '--format', 'json'], env);
    assert.deepEqual(JSON.parse(r.out).usernames, ['second']);
    assert.equal((await run(['resolve', 'r.io/x', '--client', 'kubelet', '--config', manifest, '--secret', 'three'], env)).code, 2);
    assert.equal((await run(['resolve', 'r.io/x', '--client', 'crane'], env)).code, 2);
    assert.equal((await run(['resolve', 'r.io/x', '--client', 'kubelet'], env)).code, 2);
    assert.equal((await run(['resolve', 'r.io/x', '--client', 'podman', '--config', path.join(dir, 'missing.json')], env)).code, 2);
    // an error is an answer: exit 0
    const broken = w('broken.json', '{"auths":{"r.io":{"auth":"dTpw-"}}}');
    r = await run(['resolve', 'r.io/x', '--client', 'podman', '--config', broken, '--format', 'json'], env);
    assert.equal(r.code, 0);
    assert.equal(typeof JSON.parse(r.out).error, 'string');
    r = await run(['resolve', 'r.io/x', '--client', 'kubelet', '--config', manifest], env);
    assert.match(r.out, /kubelet sends the credentials of "r\.io"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
