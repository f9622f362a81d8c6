// Issue 11: the legacy ~/.dockercfg as a file kind of its own, checked the way containers/image reads it
// (pkg/docker/config/config.go v5.23: readJSONFile(path, legacyFormat=true), findCredentialsInFile,
// normalizeAuthFileKey(key, true)); docker/cli stopped reading it in v23.0 (commit ee218fa).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { analyze, analyzeDockercfg, Finding, kindOfPath, messageOf } from '../../src/core';
import { b64, covered } from './util';

const SECRET = 'legacy-S3cret-NOT-REAL';
const A = (user: string) => ({ auth: b64(`${user}:${SECRET}`) });
const j = (v: unknown) => JSON.stringify(v);

function only(text: string, rule: string): Finding[] {
  return analyzeDockercfg(text).findings.filter((f) => f.rule === rule);
}

test('a file named .dockercfg is its own kind', () => {
  assert.equal(kindOfPath('/home/u/.dockercfg', {}), 'dockercfg');
  assert.equal(kindOfPath('.dockercfg', {}), 'dockercfg');
  assert.equal(kindOfPath('/home/u/.docker/config.json', {}), 'docker');
  assert.equal(kindOfPath('/home/u/dockercfg', {}), undefined);
});

test('an empty entry: no credentials, and no later file (it is the last file searched)', () => {
  const text = j({ 'r.example': {}, 'quay.io': A('alice') });
  const [f] = only(text, 'empty-auth');
  assert.equal(covered(text, f), '"r.example"');
  assert.deepEqual(f.path, ['r.example']);
  assert.match(messageOf(f), /last file they search/);
  assert.doesNotMatch(messageOf(f), /next auth file/);
});

test('findings land on the file\'s own text and paths', () => {
  const text = `{\n  "quay.io": {"auth": "${b64('nocolon')}"},\n  "r.example": {"auth": 5}\n}`;
  const a = analyzeDockercfg(text).findings;
  const invalid = a.find((f) => f.rule === 'invalid-auth')!;
  assert.equal(covered(text, invalid), `"${b64('nocolon')}"`);
  assert.deepEqual(invalid.path, ['quay.io', 'auth']);
  assert.match(messageOf(invalid), /last file they search/);
  const wrong = a.find((f) => f.rule === 'wrong-type')!;
  assert.equal(covered(text, wrong), '5');
  assert.match(messageOf(wrong), /^"r\.example\.auth" must be a string/);
});

test('a top level that is not an object, an empty file, a BOM: the whole file is refused', () => {
  const [root] = only('[1]', 'wrong-type');
  assert.equal(root.messageId, 'rootRefused');
  assert.deepEqual(root.path, []);
  assert.match(messageOf(root), /JSON object, not an array\. Podman, skopeo and buildah stop with an error/);
  const empty = only('', 'json-syntax');
  assert.equal(empty.length, 1);
  assert.equal(empty[0].offset, 0);
  const bom = only('\uFEFF{"quay.io":{}}', 'json-syntax');
  assert.equal(bom[0].messageId, 'bomRefused');
  assert.equal(only('{"quay.io":{}} x', 'json-syntax').length, 1);
});

test('the config.json layout is told once, not as a registry named "auths"', () => {
  const text = j({ auths: { 'quay.io': A('alice') } });
  const a = analyzeDockercfg(text).findings;
  assert.deepEqual(a.map((f) => `${f.rule}/${f.messageId}`), ['unknown-key/configLayout']);
  assert.equal(covered(text, a[0]), '"auths"');
  // a string where an entry belongs still fails the decoding
  const store = analyzeDockercfg(j({ credsStore: 'pass' })).findings;
  assert.deepEqual(store.map((f) => f.rule), ['wrong-type']);
  assert.match(messageOf(store[0]), /^"credsStore" must be an object/);
});

test('keys are cut at "/": a namespace key and its host are one registry; ftp:// is not a host here', () => {
  const dup = only(j({ 'quay.io/team': A('a'), 'quay.io': A('b') }), 'duplicate-registry');
  assert.equal(dup.length, 1);
  assert.deepEqual(dup[0].path, ['quay.io/team']);
  assert.equal(only(j({ 'ftp://quay.io': A('a'), 'quay.io': A('b') }), 'duplicate-registry').length, 0);
});

test('auth.json and config.json: the host of an ftp:// key is Go\'s for docker only', () => {
  const text = j({ auths: { 'ftp://quay.io': A('a'), 'quay.io': A('b') } });
  assert.equal(analyze(text).findings.filter((f) => f.rule === 'duplicate-registry').length, 1);
  assert.equal(analyze(text, { profile: 'containers' }).findings.filter((f) => f.rule === 'duplicate-registry').length, 0);
  const v6 = j({ auths: { 'https://::1:5000/v2/': A('a'), '[::1]:5000': A('b') } });
  assert.equal(analyze(v6).findings.filter((f) => f.rule === 'duplicate-registry').length, 1);
});

test('no message claims anything docker does with the file (docker does not read it)', () => {
  const text = j({ 'r.example': {}, 'bad.example': { auth: '%%%' }, 'n.example': { auth: b64('x') }, 'u.example': { username: 'u', password: SECRET }, 'p.example': A('p'), 'https://p.example/v1/': A('q'), 'R.example': { Auth: b64('c:d') } });
  const a = analyzeDockercfg(text, { fileMode: 0o644 }).findings;
  assert.ok(a.length >= 8, `${a.length} findings`);
  assert.ok(a.some((f) => f.rule === 'file-permissions'));
  for (const f of a) {
    const m = messageOf(f);
    assert.ok(!m.includes(SECRET) && !m.includes(b64(`p:${SECRET}`)), m);
    for (const sentence of m.split(/(?<=\.)\s/)) if (/\bdocker\b/i.test(sentence)) assert.match(sentence, /no longer reads|has not read/, `${f.rule}: ${sentence}`);
  }
});

test('check finds and reports a .dockercfg as its own kind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-dockercfg-'));
  try {
    fs.writeFileSync(path.join(dir, '.dockercfg'), j({ 'r.example': {}, 'quay.io': A('alice') }), { mode: 0o600 });
    let out = '';
    const code = await main(['check', dir, '--format', 'json'], { out: (s) => (out += s + '\n'), err: () => undefined, env: { HOME: dir, PATH: '' } });
    assert.equal(code, 1);
    const report = JSON.parse(out) as { files: Array<{ kind: string; findings: Array<{ rule: string; path: string[] }> }> };
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].kind, 'dockercfg');
    assert.deepEqual(report.files[0].findings.map((f) => [f.rule, f.path.join('.')]), [['empty-auth', 'r.example'], ['plaintext-credential', 'quay.io.auth']]);
    assert.ok(!out.includes(SECRET) && !out.includes(b64(`alice:${SECRET}`)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('linear in the size of a crafted file', () => {
  const n = 20_000;
  const text = '{' + Array.from({ length: n }, (_, i) => `"r${i}.example/ns":{}`).join(',') + '}';
  assert.equal(only(text, 'empty-auth').length, n);
});
