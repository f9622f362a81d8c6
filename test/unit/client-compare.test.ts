// Issue 11 (editor part): docker, containers/image and kubelet side by side for one file (the registry key's hover,
// the Which Credentials command). The cases are the issue's: a Hub helper podman never asks, a numeric serveraddress
// that docker and podman read past, kubelet trying every match, an empty entry podman moves on from.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, analyzeManifest, compareClients, hoverAt, imageForKey, manifestHoverAt, sideBySideMarkdown, sideBySideText, SideBySide } from '../../src/core';
import { code } from '../../src/core/hover';
import { b64 } from './util';

const SECRET = 'S3cret-must-not-leak';
const auth = (user: string) => b64(`${user}:${SECRET}`);
const json = (v: unknown) => JSON.stringify(v);
const row = (s: SideBySide, client: string) => {
  const r = s.rows.find((x) => x.client === client);
  assert.ok(r, `no ${client} row in ${json(s.rows)}`);
  return r;
};
const noteIds = (s: SideBySide, client: string) => row(s, client).notes.map((n) => n.id);
const buildModelForTest = (text: string) => analyze(text).model;
const md = (s: SideBySide) => sideBySideMarkdown(s, code).join('\n');

function assertNoSecret(s: SideBySide, ...secrets: string[]) {
  for (const shown of [json(s), md(s), sideBySideText(s).join('\n')]) for (const x of [SECRET, ...secrets]) assert.ok(!shown.includes(x), `${x} shown in ${shown}`);
}

test('Hub key with a credHelpers entry: docker asks it, podman never does and reads the empty entry, a pull secret runs no helper', () => {
  const text = json({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } });
  const s = compareClients('alpine', text, 'docker');
  assert.deepEqual(row(s, 'docker').source, { kind: 'helper', helper: 'desktop', via: 'credHelpers' });
  assert.equal(row(s, 'docker').usernames, 'helper');
  assert.deepEqual(row(s, 'containers').source, { kind: 'none' });
  assert.deepEqual(noteIds(s, 'containers'), ['hubHelperKey', 'movesOnEmpty']);
  assert.deepEqual(row(s, 'kubelet-copy').source, { kind: 'none' });
  assert.deepEqual(noteIds(s, 'kubelet-copy'), ['noHelper', 'emptyEntry']);
  const shown = md(s);
  assert.match(shown, /^\| Client \| Source \| Username \| Note \|$/m);
  assert.match(shown, /\| docker \| helper `desktop` \(credHelpers\) \| from the helper \|/);
  assert.match(shown, /asks credHelpers only under "docker\.io" for Docker Hub, never `https:\/\/index\.docker\.io\/v1\/`/);
  assert.match(shown, /moves on to the next file in its search order/);
  assert.match(shown, /_Podman, skopeo and buildah read this file only when their own auth\.json files have nothing for the registry\._/);
});

test('serveraddress: 7: docker loads the file in part and still sends the entry (undecoded), podman and kubelet read the auth', () => {
  const text = json({ auths: { 'quay.io': { auth: auth('alice'), serveraddress: 7 } } });
  const s = compareClients('quay.io/team/app', text, 'docker');
  assert.deepEqual(row(s, 'docker').source, { kind: 'entry', key: 'quay.io' });
  assert.deepEqual(noteIds(s, 'docker'), ['undecoded']);
  assert.deepEqual(row(s, 'containers'), { client: 'containers', source: { kind: 'entry', key: 'quay.io' }, usernames: ['alice'], notes: [] });
  assert.deepEqual(row(s, 'kubelet-copy').usernames, ['alice']);
  assert.match(md(s), /\| docker \| entry `quay\.io` \| — \| loads this file only in part: the "auth" goes to the registry undecoded \|/);
  assertNoSecret(s, auth('alice'));
});

test('a wrong type on a field podman decodes: podman stops with an error, docker does not', () => {
  const s = compareClients('quay.io/x', json({ auths: { 'quay.io': { auth: auth('alice'), identitytoken: 5 } } }), 'containers');
  assert.equal(s.rows.length, 1);
  assert.deepEqual(row(s, 'containers').source, { kind: 'error' });
  assert.match(md(s), /containers\/image \(podman, skopeo, buildah\): error; the file cannot be decoded/);
});

test('kubelet in a pull secret tries every matching entry, most specific first; an empty namespace entry does not block the host', () => {
  const both = compareClients('bar.example.com/pong', json({ auths: { 'bar.example.com': { auth: auth('host') }, 'bar.example.com/pong': { auth: auth('ns') } } }), 'kubelet');
  assert.deepEqual(both.rows.map((r) => r.client), ['kubelet']);
  assert.deepEqual(row(both, 'kubelet').usernames, ['ns', 'host']);
  assert.deepEqual(noteIds(both, 'kubelet'), ['eachInTurn']);
  assert.equal(md(both).split('\n')[2], 'kubelet: entry `bar.example.com/pong`; username `ns`, `host`; tries each matching entry in turn, most specific first');
  const blocked = compareClients('bar.example.com/pong', json({ auths: { 'bar.example.com/pong': {}, 'bar.example.com': { auth: auth('host') } } }), 'kubelet');
  assert.deepEqual(row(blocked, 'kubelet'), { client: 'kubelet', source: { kind: 'entry', key: 'bar.example.com' }, usernames: ['host'], notes: [] });
  assertNoSecret(both, auth('ns'), auth('host'));
});

test('an empty entry: docker and a pull secret send nothing, podman moves on to the next file', () => {
  const s = compareClients('quay.io/x', json({ auths: { 'quay.io': {} } }), 'docker');
  assert.deepEqual(noteIds(s, 'docker'), ['emptyEntry']);
  assert.deepEqual(noteIds(s, 'containers'), ['movesOnEmpty']);
  assert.deepEqual(noteIds(s, 'kubelet-copy'), ['emptyEntry']);
  assert.deepEqual(sideBySideText(s), [
    'docker: no credentials; "quay.io" holds no credentials: pulls without any',
    'containers/image (podman, skopeo, buildah): no credentials; "quay.io" holds no "auth": moves on to the next file in its search order',
    'kubelet (a pull secret made from this file): no credentials; "quay.io" holds no credentials: pulls without any',
    'Podman, skopeo and buildah read this file only when their own auth.json files have nothing for the registry.',
  ]);
});

test('an auth without a colon, no entry at all, and a credsStore podman never runs', () => {
  assert.deepEqual(noteIds(compareClients('quay.io/x', json({ auths: { 'quay.io': { auth: b64('nocolon') } } }), 'containers'), 'containers'), ['movesOnNoColon']);
  assert.deepEqual(noteIds(compareClients('quay.io/x', json({ auths: {} }), 'containers'), 'containers'), ['movesOnNoEntry']);
  const store = compareClients('quay.io/x', json({ auths: { 'quay.io': {} }, credsStore: 'desktop' }), 'docker');
  assert.deepEqual(row(store, 'docker').source, { kind: 'helper', helper: 'desktop', via: 'credsStore' });
  assert.deepEqual(noteIds(store, 'containers'), ['noCredsStore', 'movesOnEmpty']);
});

test('when every client does the same, one line and no table', () => {
  const s = compareClients('quay.io/team/app', json({ auths: { 'quay.io': { auth: auth('alice') } } }), 'docker');
  const lines = sideBySideMarkdown(s, code);
  assert.ok(!lines.some((l) => l.startsWith('|')), lines.join('\n'));
  assert.equal(lines[2], 'docker, containers/image (podman, skopeo, buildah), kubelet (a pull secret made from this file) agree: entry `quay.io`; username `alice`');
  assert.equal(sideBySideText(s)[0], 'docker, containers/image (podman, skopeo, buildah), kubelet (a pull secret made from this file) agree: entry "quay.io"; username "alice"');
});

test('a legacy ~/.dockercfg text (registries at the top) is read as auths', () => {
  const s = compareClients('quay.io/x', json({ 'quay.io': { auth: auth('old') } }), 'kubelet', true);
  assert.deepEqual(row(s, 'kubelet').usernames, ['old']);
});

test('crafted keys cannot break the table: pipes stay in their cell, line breaks and Markdown are escaped', () => {
  const keys = ['q.io/a|b`<img src=x>`', 'q.io/c\n| x | y |', 'q.io/[l](http://e)'];
  const text = json({ auths: Object.fromEntries(keys.map((k) => [k, { auth: auth('u|v*') }])) });
  const s = compareClients('q.io/app', text, 'docker');
  assert.deepEqual(noteIds(s, 'docker'), ['randomPick']);
  const lines = sideBySideMarkdown(s, code);
  const table = lines.filter((l) => l.startsWith('|'));
  assert.equal(table.length, 2 + s.rows.length, lines.join('\n'));
  // markdown-it's table split: a pipe splits unless a backslash stands before it.
  for (const l of table) assert.equal(l.match(/(?<!\\)\|/g)?.length, 5, l);
  assert.ok(!lines.join('\n').includes('\n| x'), 'a key forged a row');
  assert.ok(!/(?<!`)\[l\]\(http/.test(lines.join('\n').replace(/`[^`]*`/g, '')), 'a link outside a code span');
});

test('imageForKey: the image each client is asked about for a registry key', () => {
  assert.equal(imageForKey('https://index.docker.io/v1/'), 'alpine');
  assert.equal(imageForKey('docker.io'), 'alpine');
  assert.equal(imageForKey('docker.io/myorg'), 'docker.io/myorg/app:tag');
  assert.equal(imageForKey('quay.io'), 'quay.io/team/app:tag');
  assert.equal(imageForKey('quay.io/org1/'), 'quay.io/org1/app:tag');
  assert.equal(imageForKey('https://r.example.com:5000/v2/'), 'r.example.com:5000/team/app:tag');
  assert.equal(imageForKey('localhost:5000'), 'localhost:5000/team/app:tag');
  assert.equal(imageForKey('myregistry'), undefined); // an image myregistry/x is a Docker Hub image
  assert.equal(imageForKey('a b.io'), undefined);
});

test('the hover on a registry key shows the side-by-side answer, for a Docker config, a containers auth file and a pull secret', () => {
  const text = json({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } });
  const at = (t: string, needle: string) => t.indexOf(needle) + 2;
  const docker = hoverAt(buildModelForTest(text), at(text, '"https://index'))!.markdown;
  assert.match(docker, /Docker takes credentials from/);
  assert.match(docker, /\*\*Each client, for `alpine`\*\*/);
  assert.match(docker, /\| containers\/image \(podman, skopeo, buildah\) \| no credentials \| — \|/);
  const helperKey = hoverAt(buildModelForTest(text), text.lastIndexOf('"https://index') + 2)!.markdown;
  assert.match(helperKey, /\| docker \| helper `desktop`/);
  const podmanText = json({ auths: { 'quay.io': {} } });
  const podman = hoverAt(buildModelForTest(podmanText), at(podmanText, '"quay.io"'), { profile: 'containers' })!.markdown;
  assert.ok(!podman.includes('Docker takes'), podman);
  assert.match(podman, /containers\/image \(podman, skopeo, buildah\): no credentials; `quay\.io` holds no "auth": moves on to the next file in its search order/);
  const config = json({ auths: { 'bar.example.com': { auth: auth('host') }, 'bar.example.com/pong': { auth: auth('ns') } } });
  const yaml = `kind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '${config}'\n`;
  const kube = manifestHoverAt(analyzeManifest(yaml), yaml.indexOf('"bar.example.com/pong"') + 2)!.markdown;
  assert.match(kube, /kubelet: entry `bar\.example\.com\/pong`; username `ns`, `host`; tries each matching entry in turn/);
  assert.ok(!kube.includes(SECRET) && !kube.includes(auth('ns')));
});

test('the side-by-side answer in Simplified Chinese', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { setBundle } = await import('../../src/core');
  setBundle(JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')));
  try {
    const s = compareClients('quay.io/x', json({ auths: { 'quay.io': {} } }), 'docker');
    const shown = md(s);
    assert.match(shown, /\| 客户端 \| 来源 \| 用户名 \| 说明 \|/);
    assert.match(shown, /`quay\.io` 不含 "auth"：继续查找其搜索顺序中的下一个文件/);
    assert.ok(!/moves on|pulls without/.test(shown), shown);
  } finally {
    setBundle(undefined);
  }
});

test('a hover compares the clients only up to 1 MB of text, and says so above', () => {
  const big = json({ auths: { 'quay.io': { auth: auth('alice') } }, pad: 'x'.repeat(1_000_000) });
  const hover = hoverAt(buildModelForTest(big), big.indexOf('"quay.io"') + 2)!.markdown;
  assert.match(hover, /Docker takes credentials from this entry/);
  assert.match(hover, /too large to compare the clients in a hover/);
  assert.ok(!hover.includes('Each client'), hover);
});

test('the command passes docker its platform default helper: podman and a pull secret never run it', () => {
  const s = compareClients('quay.io/x', '{}', 'docker', false, { defaultStore: () => 'pass' });
  assert.deepEqual(row(s, 'docker').source, { kind: 'helper', helper: 'pass', via: 'credsStore' });
  assert.deepEqual(noteIds(s, 'containers'), ['noCredsStore', 'movesOnNoEntry']);
  assert.deepEqual(noteIds(s, 'kubelet-copy'), ['noHelper', 'noEntry']);
  assert.deepEqual(row(compareClients('quay.io/x', '{}', 'docker'), 'docker').source, { kind: 'none' }); // a hover runs and looks up nothing
});
