// Issue 11 (part A): each client's reading as data, per its own source (containers/image pkg/docker/config/config.go,
// kubernetes pkg/credentialprovider config.go); each case failed before the fix.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, messageOf } from '../../src/core';
import { b64 } from './util';

type Profile = 'docker' | 'containers' | 'kubelet';
const AUTH = b64('user:pass');
const rulesOf = (text: string, profile: Profile) => analyze(text, { profile }).findings.map((f) => f.rule);
const messages = (text: string, profile: Profile, rule: string) =>
  analyze(text, { profile }).findings.filter((f) => f.rule === rule).map((f) => messageOf(f));

const typeCases: Array<{ name: string; profile: Profile; entry: Record<string, unknown>; wrongType: boolean }> = [
  // containers/image dockerAuthConfig decodes only auth and identitytoken; Go skips other fields unchecked.
  { name: 'podman: serveraddress a number is skipped', profile: 'containers', entry: { auth: AUTH, serveraddress: 7 }, wrongType: false },
  { name: 'podman: username a bool is skipped', profile: 'containers', entry: { auth: AUTH, username: true }, wrongType: false },
  { name: 'podman: email a number is skipped', profile: 'containers', entry: { auth: AUTH, email: 1 }, wrongType: false },
  { name: 'podman: identitytoken a number fails', profile: 'containers', entry: { auth: AUTH, identitytoken: 5 }, wrongType: true },
  { name: 'podman: auth a number fails', profile: 'containers', entry: { auth: 5 }, wrongType: true },
  // kubelet dockerConfigEntryWithAuth decodes username, password, email, auth.
  { name: 'kubelet: identitytoken a number is skipped', profile: 'kubelet', entry: { auth: AUTH, identitytoken: 5 }, wrongType: false },
  { name: 'kubelet: serveraddress a number is skipped', profile: 'kubelet', entry: { auth: AUTH, serveraddress: 7 }, wrongType: false },
  { name: 'kubelet: email false fails', profile: 'kubelet', entry: { auth: AUTH, email: false }, wrongType: true },
  { name: 'kubelet: username a number fails', profile: 'kubelet', entry: { username: 1, password: 'p' }, wrongType: true },
  // docker/cli types.AuthConfig decodes every entry field.
  { name: 'docker: serveraddress a number is a wrong type', profile: 'docker', entry: { auth: AUTH, serveraddress: 7 }, wrongType: true },
];

for (const c of typeCases) {
  test(`wrong-type only on decoded entry fields: ${c.name}`, () => {
    const text = JSON.stringify({ auths: { 'quay.io': c.entry } });
    assert.equal(rulesOf(text, c.profile).includes('wrong-type'), c.wrongType, rulesOf(text, c.profile).join(','));
  });
}

test('Docker Hub helper under docker\'s key: the message does not say podman asks it', () => {
  const text = JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } });
  const [m] = messages(text, 'docker', 'empty-auth');
  assert.ok(m, 'an empty-auth finding');
  assert.doesNotMatch(m, /Docker, podman and skopeo ask/);
  assert.match(m, /look Docker Hub up as "docker\.io"/);
  // with a docker.io helper as well, podman asks that one
  const both = JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop', 'docker.io': 'desktop' } });
  assert.match(messages(both, 'docker', 'empty-auth')[0], /Docker, podman and skopeo ask/);
  // a non-Hub registry: podman asks the same credHelpers key
  const ghcr = JSON.stringify({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': 'pass' } });
  assert.match(messages(ghcr, 'docker', 'empty-auth')[0], /Docker, podman and skopeo ask/);
});

test('kubelet: an empty entry does not block another matching entry (every match is tried, most specific first)', () => {
  const text = JSON.stringify({ auths: { 'bar.example.com/pong': {}, 'bar.example.com': { auth: AUTH } } });
  const [m] = messages(text, 'kubelet', 'empty-auth');
  assert.ok(m);
  assert.doesNotMatch(m, /pulls from this registry go without credentials/);
  assert.match(m, /tries every entry that matches the image, most specific first/);
});

test('podman: an empty entry or an auth without a colon moves on to the next auth file', () => {
  const empty = messages(JSON.stringify({ auths: { 'r.io': {} } }), 'containers', 'empty-auth')[0];
  assert.match(empty, /go on to the next auth file/);
  assert.doesNotMatch(empty, /they send no credentials and/);
  const store = messages(JSON.stringify({ auths: { 'r.io': {} }, credsStore: 'desktop' }), 'containers', 'empty-auth')[0];
  assert.match(store, /go on to the next auth file/);
  const nocolon = messages(JSON.stringify({ auths: { 'r.io': { auth: b64('nocolon') } } }), 'containers', 'invalid-auth')[0];
  assert.match(nocolon, /go on to the next auth file/);
});
