// Attacks on "a secret leaves the file only when the helper holds exactly that value" (src/core/move.ts):
// entries holding two credentials, fields that disagree with "auth", bytes a helper's JSON cannot carry,
// and helpers that answer with other bytes than they were given. Real docker-credential-pass where the
// helper's own behaviour matters; scripted helpers and an in-process client for the lies.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../src/core';
import { Credentials, helperClient, HelperClient, HelperResult } from '../../src/core/helpers/client';
import { moveSecrets, MoveResult } from '../../src/core/move';
import { fakeHelperDir } from '../support/fake-helper';
import { withPassStore } from '../support/pass-env';

const PW = 'Pw-0f-p0dman-\u00fcber';
const TOKEN = 'IdentityToken-9f8e7d';
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const authOf = (user: string, pw: Buffer | string) => b64(Buffer.concat([Buffer.from(`${user}:`), Buffer.from(pw)]));
const reasons = (r: MoveResult) => Object.fromEntries(r.notMoved.map((n) => [n.key, n.reason]));
const entryOf = (text: string, key: string) => (JSON.parse(text) as { auths: Record<string, unknown> }).auths[key];
/** Nothing the move reports holds a secret in any of its forms. */
function secretFree(r: MoveResult, secrets: Array<string | Buffer>): void {
  const shown = JSON.stringify({ moved: r.moved, notMoved: r.notMoved, credHelpers: r.credHelpers });
  for (const s of secrets) {
    for (const form of [s.toString(), b64(s), JSON.stringify(s.toString()).slice(1, -1)]) assert.ok(!shown.includes(form), `secret leaked into ${shown}`);
  }
}

let real: HelperClient;
withPassStore((_, client) => (real = client));

async function held(url: string): Promise<{ username: string; secret: string } | string> {
  const r = await real.get('pass', url);
  return r.ok ? { username: r.value.username, secret: r.value.secret } : r.error.kind;
}

describe('two credentials in one entry: a helper holds one per registry, so the entry stays whole', () => {
  test('"auth" with a password and "identitytoken": neither is lost (podman and skopeo use "auth", docker the token)', async () => {
    const entry = { auth: authOf('alice', PW), identitytoken: TOKEN };
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'both.example': entry } }, null, 2);
    const r = await moveSecrets(text, real);
    assert.deepEqual(r.moved, []);
    assert.match(reasons(r)['both.example'], /"identitytoken"/);
    assert.equal(r.text, text);
    assert.equal(await held('both.example'), 'not-found', 'nothing was stored');
    secretFree(r, [PW, TOKEN]);
  });

  test('"password" next to "identitytoken" (no "auth"): both stay', async () => {
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'pt.example': { username: 'u', password: PW, identitytoken: TOKEN } } });
    const r = await moveSecrets(text, real);
    assert.deepEqual(r.moved, []);
    assert.equal(r.text, text);
    assert.equal(await held('pt.example'), 'not-found');
  });

  test('docker\'s own token entry ("auth" of "user:" with no password, and the token) still moves: only the token is secret', async () => {
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'acr.example': { auth: authOf('00000000-0000-0000-0000-000000000000', ''), identitytoken: TOKEN } } });
    const r = await moveSecrets(text, real);
    assert.deepEqual(reasons(r), {});
    assert.deepEqual(r.moved.map((m) => [m.key, m.username]), [['acr.example', '<token>']]);
    assert.deepEqual(await held('acr.example'), { username: '<token>', secret: TOKEN });
    assert.equal(entryOf(r.text, 'acr.example'), undefined);
  });

  for (const [what, fields] of [
    ['a "password" field that disagrees', { password: 'an-older-password' }],
    ['a "username" field that disagrees', { username: 'mallory' }],
    ['both fields, the password disagreeing', { username: 'alice', password: 'an-older-password' }],
  ] as const) {
    test(`"auth" and ${what}: the entry stays, byte for byte`, async () => {
      const key = `dis-${Object.keys(fields).join('-')}.example`;
      const text = JSON.stringify({ credsStore: 'pass', auths: { [key]: { auth: authOf('alice', PW), ...fields } } });
      const r = await moveSecrets(text, real);
      assert.deepEqual(r.moved, []);
      assert.match(reasons(r)[key], /disagree/);
      assert.equal(r.text, text);
      assert.equal(await held(key), 'not-found');
      secretFree(r, [PW, 'an-older-password']);
    });
  }

  test('"auth" with fields that agree: moved, nothing lost', async () => {
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'agree.example': { auth: authOf('alice', PW), username: 'alice', password: PW } } });
    const r = await moveSecrets(text, real);
    assert.deepEqual(reasons(r), {});
    assert.deepEqual(await held('agree.example'), { username: 'alice', secret: PW });
    assert.deepEqual(JSON.parse(r.text).auths, {});
  });
});

describe('bytes a helper cannot hold stay in the file', () => {
  for (const [what, user, pw] of [
    ['a password with byte 0xE9 (Latin-1 "é")', 'alice', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2d, 0x70, 0x77])],
    ['a password with a lone continuation byte', 'alice', Buffer.from([0x70, 0x77, 0x80, 0x21])],
    ['a username with byte 0xFF', Buffer.from([0x61, 0xff]).toString('latin1'), Buffer.from('fine-password')],
    ['a password ending in a NUL byte (docker strips it, a helper would not)', 'alice', Buffer.from('pw\0')],
  ] as const) {
    test(`"auth" holding ${what}: not moved, the helper holds nothing, the file is unchanged`, async () => {
      const bytes = Buffer.concat([Buffer.from(user, 'latin1'), Buffer.from(':'), pw]);
      const text = JSON.stringify({ credsStore: 'pass', auths: { 'bytes.example': { auth: b64(bytes) } } });
      const r = await moveSecrets(text, real);
      assert.deepEqual(r.moved, []);
      assert.match(reasons(r)['bytes.example'], /UTF-8|NUL/);
      assert.equal(r.text, text);
      assert.equal(await held('bytes.example'), 'not-found');
      secretFree(r, [pw]);
    });
  }

  test('a "password" field written as a lone surrogate escape: not moved (docker reads U+FFFD there)', async () => {
    const text = '{"credsStore":"pass","auths":{"sur.example":{"username":"u","password":"pw-\\ud800-x"}}}';
    const r = await moveSecrets(text, real);
    assert.deepEqual(r.moved, []);
    assert.match(reasons(r)['sur.example'], /Unicode/);
    assert.equal(r.text, text);
    assert.equal(await held('sur.example'), 'not-found');
  });

  test('non-ASCII UTF-8 in username and password moves and comes back byte for byte', async () => {
    const user = 'j\u00fcrgen-\u7528\u6237';
    const pw = 'p\u00e4ss-\u{1F511}-\uFFFD-\u0000-mid';
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'utf8.example': { auth: authOf(user, pw) } } });
    const r = await moveSecrets(text, real);
    assert.deepEqual(reasons(r), {});
    const got = await real.get('pass', 'utf8.example');
    assert.ok(got.ok);
    assert.ok(Buffer.from(got.value.secret).equals(Buffer.from(pw)) && got.value.username === user);
  });
});

describe('helpers that give back other bytes than they were given', () => {
  const fakes = fakeHelperDir();
  const stored = path.join(fakes.dir, 'latin1.stored');
  after(() => fakes.cleanup());
  before(() => {
    // Stores fine, but answers get with the password's U+FFFD turned back into a raw 0xE9 byte: what a
    // helper keeping Latin-1 would do. Decoded leniently, both read as U+FFFD.
    fakes.write(
      'latin1',
      `case "$1" in
  get) if [ -f '${stored}' ]; then printf '{"ServerURL":"l.example","Username":"alice","Secret":"caf\\351"}'; else echo 'credentials not found in native keychain'; exit 1; fi ;;
  store) cat >/dev/null; touch '${stored}' ;;
  erase) rm -f '${stored}' ;;
esac`,
    );
  });

  test('an answer that is not UTF-8 is not taken for the U+FFFD that was stored: not moved, erased again', async () => {
    const text = JSON.stringify({ credsStore: 'latin1', auths: { 'l.example': { auth: authOf('alice', 'caf\uFFFD') } } });
    const r = await moveSecrets(text, helperClient({ path: fakes.path }));
    assert.deepEqual(r.moved, []);
    assert.equal(r.text, text);
    assert.equal(fs.existsSync(stored), false, 'erased again');
  });

  test('a client whose store-and-verify says yes but whose get drops a byte: the core compares bytes itself', async () => {
    const box = new Map<string, Credentials>();
    const lying: HelperClient = {
      async get(_name, url): Promise<HelperResult<Credentials>> {
        const c = box.get(url);
        if (!c) return { ok: false, error: { kind: 'not-found', helper: 'x', action: 'get', message: 'not found' } };
        return { ok: true, value: { ...c, secret: c.secret.slice(0, -1) } };
      },
      list: async () => ({ ok: true, value: {} }),
      erase: async (_name, url) => (box.delete(url), { ok: true, value: undefined }),
      storeAndVerify: async (_name, creds) => (box.set(creds.serverURL, creds), { ok: true }),
    };
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'drop.example': { auth: authOf('alice', PW) } } });
    const r = await moveSecrets(text, lying);
    assert.deepEqual(r.moved, []);
    assert.equal(r.text, text);
    assert.equal(box.size, 0, 'erased again');
    assert.ok(analyze(r.text).model.auths.has('drop.example'));
  });
});
