// The same rules read the way podman/skopeo/buildah (containers) and kubelet read a config.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, RULES, messageOf } from '../../src/core';
import { decodeAuth } from '../../src/core/docker/auth';
import { b64, expectFindings, Expect } from './util';

const AUTH = b64('robot:s3cret-pass');
const containers = { profile: 'containers' as const };
const kubelet = { profile: 'kubelet' as const };
const run = (text: string, options: object, expected: Expect[]) => expectFindings(text, expected, options);

describe('containers profile (podman, skopeo, buildah)', () => {
  test('podman login output: one auth per registry, nothing to say but plain text', () => {
    run(JSON.stringify({ auths: { 'quay.io': { auth: AUTH } } }, null, '\t'), containers, [{ rule: 'plaintext-credential', severity: 'warning', at: `"${AUTH}"` }]);
  });
  test('credsStore is ignored: a finding on it, and its placeholders are errors', () => {
    const text = JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' });
    run(text, containers, [
      { rule: 'ignored-field', severity: 'warning', at: '"credsStore"', says: 'never ask the helper "desktop"' },
      { rule: 'empty-auth', severity: 'error', at: '"ghcr.io"', says: 'ignore "credsStore"' },
    ]);
  });
  test('credHelpers are honoured: a placeholder is only info, a secret beside the helper is shadowed', () => {
    const text = JSON.stringify({ auths: { 'ghcr.io': {}, 'gcr.io': { auth: AUTH } }, credHelpers: { 'ghcr.io': 'pass', 'gcr.io': 'gcloud' } });
    run(text, containers, [
      { rule: 'empty-auth', severity: 'info', at: '"ghcr.io"', says: 'the helper "pass" (credHelpers)' },
      { rule: 'shadowed-credential', severity: 'warning', at: `"${AUTH}"`, says: 'never read this "auth"' },
    ]);
  });
  test('a namespaced key takes its helper from the registry host', () => {
    run(JSON.stringify({ auths: { 'quay.io/team/app': {} }, credHelpers: { 'quay.io': 'pass' } }), containers, [{ rule: 'empty-auth', severity: 'info', at: '"quay.io/team/app"' }]);
  });
  test('namespaced keys are valid and not duplicates of their registry', () => {
    const text = JSON.stringify({ auths: { 'quay.io': { auth: AUTH }, 'quay.io/team': { auth: AUTH }, 'quay.io/team/app': { auth: AUTH } } });
    const rules = analyze(text, containers).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['plaintext-credential', 'plaintext-credential', 'plaintext-credential']);
    // docker reads the same keys as one registry
    assert.ok(analyze(text).findings.some((f) => f.rule === 'duplicate-registry'));
  });
  test('URL-form keys still share a host: the exact key wins', () => {
    const text = JSON.stringify({ auths: { 'https://r.io/v1/': { auth: AUTH }, 'r.io': { auth: AUTH } } });
    const dup = analyze(text, containers).findings.filter((f) => f.rule === 'duplicate-registry');
    assert.equal(dup.length, 1);
    assert.match(messageOf(dup[0]), /podman, skopeo and buildah .*exact key "r\.io"/);
  });
  test('username and password are ignored, and said so', () => {
    run(JSON.stringify({ auths: { 'r.io': { username: 'u', password: 'p' } } }), containers, [
      { rule: 'ignored-field', severity: 'info', at: '"username"' },
      { rule: 'ignored-field', severity: 'warning', at: '"password"', says: 'plain text' },
      { rule: 'empty-auth', severity: 'error', at: '"r.io"', says: 'holds no "auth"' },
    ]);
  });
  test('no auth-mismatch: the fields it would compare are ignored', () => {
    const rules = analyze(JSON.stringify({ auths: { 'r.io': { auth: AUTH, username: 'other' } } }), containers).findings.map((f) => f.rule);
    assert.deepEqual(rules.sort(), ['ignored-field', 'plaintext-credential']);
  });
  test('every Docker Hub spelling is accepted', () => {
    for (const key of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      const text = JSON.stringify({ auths: { [key]: { auth: AUTH } } });
      assert.deepEqual(analyze(text, containers).findings.map((f) => f.rule), ['plaintext-credential'], key);
    }
    const both = JSON.stringify({ auths: { 'docker.io': { auth: AUTH }, 'https://index.docker.io/v1/': { auth: AUTH } } });
    assert.ok(!analyze(both, containers).findings.some((f) => f.rule === 'duplicate-registry' || f.rule === 'docker-hub-key'));
  });
  test('credHelpers keys: host[:port] only; Docker Hub is docker.io; no wildcards', () => {
    const text = JSON.stringify({ credHelpers: { 'https://gcr.io': 'gcloud', 'https://index.docker.io/v1/': 'pass', '*.ecr.aws': 'ecr-login', 'docker.io': 'pass' } });
    run(text, containers, [
      { rule: 'helper-key-form', at: '"https://gcr.io"', says: 'Write "gcr.io"' },
      { rule: 'helper-key-form', at: '"https://index.docker.io/v1/"', says: 'Write "docker.io"' },
      { rule: 'wildcard-registry', at: '"*.ecr.aws"', says: 'Podman' },
    ]);
  });
  test('helper names are checked for credHelpers only', () => {
    run(JSON.stringify({ credsStore: 'docker-credential-pass', credHelpers: { 'a.io': 'docker-credential-pass' } }), containers, [
      { rule: 'ignored-field', at: '"credsStore"' },
      { rule: 'helper-name', at: '"docker-credential-pass"', path: ['credHelpers', 'a.io'] },
    ]);
  });
  test('bad auth: base64 stops podman, a missing colon skips the entry', () => {
    run(JSON.stringify({ auths: { 'a.io': { auth: 'dTpw-' } } }), containers, [
      { rule: 'plaintext-credential', at: '"dTpw-"' },
      { rule: 'invalid-auth', at: '"dTpw-"', says: 'stop with an error' },
    ]);
    const nocolon = b64('nocolon');
    run(JSON.stringify({ auths: { 'a.io': { auth: nocolon } } }), containers, [
      { rule: 'plaintext-credential', at: `"${nocolon}"` },
      { rule: 'invalid-auth', at: `"${nocolon}"`, says: 'skip the entry' },
    ]);
    // an empty username is accepted by containers/image
    run(JSON.stringify({ auths: { 'a.io': { auth: b64(':token') } } }), containers, [{ rule: 'plaintext-credential', at: `"${b64(':token')}"` }]);
  });
  test('strict JSON: trailing text and an empty file are errors', () => {
    run('{"auths":{}} x', containers, [{ rule: 'json-syntax', severity: 'error', at: 'x', says: 'Podman' }]);
    run('', containers, [{ rule: 'json-syntax', severity: 'error', at: '' }]);
    run('{"auths":{},}', containers, [{ rule: 'json-syntax', at: ',', says: 'stop with an error' }]);
  });
  test('docker-only fields are not typed or reported', () => {
    run(JSON.stringify({ auths: {}, psFormat: 5, HttpHeaders: 1, stackOrchestrator: 'swarm' }), containers, []);
    run(JSON.stringify({ auths: [] }), containers, [{ rule: 'wrong-type', at: '[]', says: 'Podman, skopeo and buildah stop' }]);
    run(JSON.stringify({ credHelper: {} }), containers, [{ rule: 'unknown-key', at: '"credHelper"', says: 'did you mean "credHelpers"? Podman, skopeo and buildah ignore it.' }]);
  });
});

describe('kubelet profile (image pull secrets)', () => {
  test('kubectl create secret docker-registry: only plain text', () => {
    const text = JSON.stringify({ auths: { 'registry.example.com': { username: 'robot', password: 's3cret-pass', email: 'r@example.com', auth: AUTH } } });
    run(text, kubelet, [
      { rule: 'plaintext-credential', at: '"s3cret-pass"', says: 'manifest' },
      { rule: 'plaintext-credential', at: `"${AUTH}"`, says: 'do not commit it' },
    ]);
  });
  test('a laptop config: credsStore and {} placeholders are errors', () => {
    const text = JSON.stringify({ auths: { 'ghcr.io': {}, 'https://index.docker.io/v1/': {} }, credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' }, currentContext: 'desktop-linux' });
    run(text, kubelet, [
      { rule: 'empty-auth', severity: 'error', at: '"ghcr.io"', says: 'runs no credential helper' },
      { rule: 'empty-auth', severity: 'error', at: '"https://index.docker.io/v1/"' },
      { rule: 'pull-secret-uses-helper', severity: 'error', at: '"credsStore"', says: '"desktop"' },
      { rule: 'pull-secret-uses-helper', severity: 'error', at: '"credHelpers"', says: '(gcr.io) get no credentials' },
    ]);
  });
  test('no shadowed-credential: kubelet uses the secret as written', () => {
    const text = JSON.stringify({ auths: { 'a.io': { auth: AUTH } }, credsStore: 'pass' });
    const rules = analyze(text, kubelet).findings.map((f) => f.rule).sort();
    assert.deepEqual(rules, ['plaintext-credential', 'pull-secret-uses-helper']);
  });
  test('an empty credsStore or credHelpers says nothing', () => {
    run(JSON.stringify({ auths: { 'a.io': { auth: AUTH } }, credsStore: '', credHelpers: {} }), kubelet, [{ rule: 'plaintext-credential', at: `"${AUTH}"` }]);
  });
  test('wildcards, namespaces and every Docker Hub spelling are kubelet features', () => {
    const text = JSON.stringify({ auths: { '*.example.com': { auth: AUTH }, 'quay.io/team': { auth: AUTH }, 'quay.io': { auth: AUTH }, 'docker.io': { auth: AUTH }, 'https://r.io/v2/': { auth: AUTH }, 'r.io': { auth: AUTH } } });
    assert.ok(analyze(text, kubelet).findings.every((f) => f.rule === 'plaintext-credential'));
  });
  test('identitytoken and registrytoken are ignored; a token-only entry is empty', () => {
    run(JSON.stringify({ auths: { 'a.io': { identitytoken: 'tok' } } }), kubelet, [
      { rule: 'ignored-field', severity: 'warning', at: '"identitytoken"', says: 'Kubelet ignores' },
      { rule: 'empty-auth', severity: 'error', at: '"a.io"' },
    ]);
  });
  test('username and password without auth are credentials', () => {
    run(JSON.stringify({ auths: { 'a.io': { username: 'u', password: 'p' } } }), kubelet, [{ rule: 'plaintext-credential', at: '"p"' }]);
  });
  test('auth: unpadded base64 and an empty username are fine; no colon breaks every pull', () => {
    const unpadded = b64('u:pw').replace(/=+$/, '');
    assert.notEqual(unpadded, b64('u:pw'));
    run(JSON.stringify({ auths: { 'a.io': { auth: unpadded } } }), kubelet, [{ rule: 'plaintext-credential', at: `"${unpadded}"` }]);
    run(JSON.stringify({ auths: { 'a.io': { auth: b64(':pw') } } }), kubelet, [{ rule: 'plaintext-credential', at: `"${b64(':pw')}"` }]);
    run(JSON.stringify({ auths: { 'a.io': { auth: b64('nocolon') } } }), kubelet, [
      { rule: 'plaintext-credential', at: `"${b64('nocolon')}"` },
      { rule: 'invalid-auth', severity: 'error', at: `"${b64('nocolon')}"`, says: 'every image pull' },
    ]);
  });
  test('auth-mismatch names kubelet', () => {
    const text = JSON.stringify({ auths: { 'a.io': { auth: AUTH, username: 'someone-else' } } });
    assert.match(messageOf(analyze(text, kubelet).findings.find((f) => f.rule === 'auth-mismatch')!), /Kubelet uses "auth"/);
  });
  test('broken JSON: the API server rejects the Secret', () => {
    run('{"auths":{}', kubelet, [{ rule: 'json-syntax', at: '', says: 'API server rejects' }]);
    run('[]', kubelet, [{ rule: 'wrong-type', at: '[]', says: 'API server rejects' }]);
    run('{"auths":{"a.io":{"auth":1}}}', kubelet, [
      { rule: 'wrong-type', at: '1', says: 'every image pull of a pod that uses it fails' },
      { rule: 'empty-auth', at: '"a.io"' },
    ]);
  });
  test('registries at the top level are not read', () => {
    run(JSON.stringify({ 'ghcr.io': { auth: AUTH } }), kubelet, [{ rule: 'unknown-key', at: '"ghcr.io"', says: 'Kubelet ignores it.' }]);
  });
  test('JSON keys written twice: Go keeps the last', () => {
    run('{"auths":{"a.io":{"auth":"' + AUTH + '","auth":"' + AUTH + '"}}}', kubelet, [
      { rule: 'duplicate-registry', at: '"auth"', says: 'keeps the last value' },
      { rule: 'plaintext-credential', at: `"${AUTH}"` },
    ]);
  });
});

test('docker is the default profile', () => {
  const text = JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' });
  assert.deepEqual(analyze(text, { profile: 'docker' }).findings.map((f) => [f.rule, f.severity]), analyze(text).findings.map((f) => [f.rule, f.severity]));
});

test('decodeAuth rules: kubelet reads unpadded base64 unless the value ends in "="', () => {
  assert.equal(decodeAuth('dTpwdw', { unpadded: true }).ok, true);
  assert.equal(decodeAuth('dTpwdw').ok, false);
  assert.equal(decodeAuth('dTpwd', { unpadded: true }).ok, false); // length 1 mod 4
  assert.equal(decodeAuth('dT=wdw', { unpadded: true }).ok, false);
  assert.deepEqual(decodeAuth(b64(':x'), { emptyUsername: true }), { ok: true, username: '', password: 'x' });
});

test('every rule can be set in dockerConfigGuard.rules; YAML activates the extension', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties['dockerConfigGuard.rules'].properties;
  assert.deepEqual(Object.keys(props).sort(), RULES.map((r) => r.id).sort());
  assert.ok(manifest.activationEvents.includes('onLanguage:yaml'));
});
