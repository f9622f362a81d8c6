// Issue 11: how docker reduces an auths key to its host (docker/cli credentials.ConvertToHostname, Go's url.Parse),
// proven with the REAL docker CLI: for each key form, `resolve` must name the entry and the username docker sends
// (X-Registry-Auth recorded by the stand-in daemon), or say "none" when docker sends nothing. Also: docker 28 does
// not read the legacy ~/.dockercfg (docker/cli removed it in v23.0, commit ee218fa).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveImage } from '../../src/core/resolve';
import { resolveForClient } from '../../src/core/clientResolve';
import { searchOrder } from '../../src/core/clientFiles';
import { dockerBinary, dockerSends } from './daemon';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const j = (v: unknown): string => JSON.stringify(v);

/** One auths key (user `u`) or several, and the image pulled. */
const CASES: Array<{ name: string; sends?: false; auths: Record<string, string>; image: string }> = [
  { name: 'ftp scheme', auths: { 'ftp://example.com': 'ftp' }, image: 'example.com/app' },
  { name: 'IPv6 without brackets, with port', auths: { 'https://::1:6555/v2/': 'v6' }, image: '[::1]:6555/app' },
  { name: 'IPv6 in brackets, with port', auths: { 'https://[::1]:6555/v2/': 'v6b' }, image: '[::1]:6555/app' },
  // Hostname() drops the brackets and there is no port to put them back: the key becomes ::1, never an image's [::1]
  // (docker/cli's FIXME in TestConvertToHostname)
  { name: 'IPv6 in brackets, no port', sends: false, auths: { 'https://[::1]/v2/': 'v6n' }, image: '[::1]/app' },
  { name: 'user info and port', auths: { 'https://alice:pw@r.example:5000/v2/': 'ui' }, image: 'r.example:5000/app' },
  { name: 'user info without password', auths: { 'http://alice@r.example': 'ui2' }, image: 'r.example/app' },
  { name: 'odd scheme with port', auths: { 'oci+https://r.example:5000': 'odd' }, image: 'r.example:5000/app' },
  { name: 'upper-case scheme', auths: { 'HTTPS://r.example/v1/': 'up' }, image: 'r.example/app' },
  { name: 'empty port', auths: { 'https://r.example:/v2/': 'ep' }, image: 'r.example/app' },
  { name: 'query and fragment', auths: { 'https://r.example?x=1#f': 'qf' }, image: 'r.example/app' },
  { name: 'unix socket key', sends: false, auths: { 'unix:///var/run/docker.sock': 'unix' }, image: 'r.example/app' },
  // Go refuses these: docker cuts the key at its first "/" (https:) and never matches it
  { name: 'port that is not a number', sends: false, auths: { 'https://r.example:abc/v2/': 'np' }, image: 'r.example/app' },
  { name: 'bad escape in the path', sends: false, auths: { 'https://r.example/%zz': 'be' }, image: 'r.example/app' },
  { name: 'space in user info', sends: false, auths: { 'https://al ice@r.example/': 'sp' }, image: 'r.example/app' },
  { name: 'ASCII escape in the host', sends: false, auths: { 'https://r%2Eexample/': 'eh' }, image: 'r.example/app' },
  { name: 'control character in the path', sends: false, auths: { 'https://r.example/\u001b[2J': 'cc' }, image: 'r.example/app' },
  { name: 'C1 control and bidi characters in the path', auths: { 'https://r.example/\u009b31m\u202e::error::x': 'c1' }, image: 'r.example/app' },
  { name: 'missing ]', sends: false, auths: { 'https://[::1:6555/v2/': 'mb' }, image: '[::1]:6555/app' },
  // no "://": cut at the first "/", as before
  { name: 'path without scheme', auths: { 'r.example:5000/team': 'path' }, image: 'r.example:5000/app' },
];

test('resolve names what docker sends for every key form', async (t) => {
  dockerBinary();
  for (const c of CASES) {
    const config = j({ auths: Object.fromEntries(Object.entries(c.auths).map(([k, u]) => [k, { auth: b64(`${u}:pw`) }])) });
    const sent = await dockerSends(config, c.image);
    const res = resolveImage(config, c.image);
    await t.test(c.name, () => {
      assert.equal(sent.exitCode, 0, sent.stderr);
      const auth = sent.auth ?? {};
      const user = typeof auth.username === 'string' && auth.username ? auth.username : null;
      assert.equal(user, c.sends === false ? null : Object.values(c.auths)[0], `docker sent ${j(auth)}`);
      assert.equal(res.username, user, `${c.name}: resolve ${j(res)} / docker ${j(auth)}`);
      assert.equal(res.source, user === null ? 'none' : 'auths');
      if (user !== null) assert.equal(res.entry, auth.serveraddress);
    });
  }
});

test('the issue\'s two keys are found (they were "none" before)', () => {
  const config = j({ auths: { 'ftp://example.com': { auth: b64('f:pw') }, 'https://::1:6555/v2/': { auth: b64('s:pw') } } });
  assert.equal(resolveImage(config, 'example.com/x').username, 'f');
  assert.equal(resolveImage(config, '[::1]:6555/x').username, 's');
});

test('docker 28 does not read ~/.dockercfg, and resolve --client docker says so', async () => {
  const legacy = j({ 'r.example': { auth: b64('legacy:pw') }, 'https://index.docker.io/v1/': { auth: b64('hub:pw') } });
  for (const image of ['r.example/app', 'alpine']) {
    const sent = await dockerSends('', image, { noConfig: true, homeFiles: { '.dockercfg': legacy } });
    assert.equal(sent.exitCode, 0, sent.stderr);
    const auth = sent.auth ?? {};
    assert.ok(!auth.username && !auth.password && !auth.auth, `docker sent ${j(auth)} from ~/.dockercfg`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-legacy-'));
  try {
    fs.writeFileSync(path.join(home, '.dockercfg'), legacy);
    const files = searchOrder('docker', {}, home).map((s) => (fs.existsSync(s.file) ? { file: s.file, text: fs.readFileSync(s.file, 'utf8'), legacy: s.legacy } : { file: s.file, missing: true }));
    const a = resolveForClient('docker', 'r.example/app', files);
    assert.equal(a.source, 'none');
    assert.equal(a.usernames.length, 0);
    // podman still reads it
    const p = resolveForClient('podman', 'r.example/app', searchOrder('podman', {}, home).map((s) => (fs.existsSync(s.file) ? { file: s.file, text: fs.readFileSync(s.file, 'utf8'), legacy: s.legacy } : { file: s.file, missing: true })));
    assert.deepEqual(p.usernames, ['legacy']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
