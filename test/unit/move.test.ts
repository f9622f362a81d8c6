// Moving secrets into a credential helper (src/core/move.ts) with the REAL docker-credential-pass and with
// scripted helpers that hang, crash, lie or print garbage; the atomic write (src/core/atomicWrite.ts).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze, minimalEdit } from '../../src/core';
import { FileChangedError, writeFileAtomic } from '../../src/core/atomicWrite';
import { helperClient, HelperClient } from '../../src/core/helpers/client';
import { moveSecrets, MoveResult, planMove } from '../../src/core/move';
import { fakeHelperDir } from '../support/fake-helper';
import { createPassEnv, withPassStore } from '../support/pass-env';
import { b64 } from './util';

const PW = 'pa$$:w0rd "quoted" ünï';
const auth = (user: string, pw = PW) => b64(`${user}:${pw}`);
const noSecret = (v: unknown) => {
  const s = JSON.stringify(v);
  assert.ok(!s.includes('w0rd') && !s.includes(auth('alice')) && !s.includes('TOKEN-123'), `secret leaked: ${s}`);
};
/** Everything the move reports (the text is checked separately). */
const report = (r: MoveResult) => ({ moved: r.moved, notMoved: r.notMoved, credHelpers: r.credHelpers, credsStore: r.credsStore });
const reasons = (r: MoveResult) => Object.fromEntries(r.notMoved.map((n) => [n.key, n.reason]));

let real: HelperClient;
withPassStore((_, client) => (real = client));

async function stored(url: string) {
  const r = await real.get('pass', url);
  return r.ok ? { username: r.value.username, secret: r.value.secret } : r.error.kind;
}

describe('with the real docker-credential-pass', () => {
  test('one entry, no helper in the file: needs a helper; moved into pass, which becomes credsStore', async () => {
    const text = `{\n  "auths": {\n    "one.example": {\n      "auth": "${auth('alice')}"\n    }\n  }\n}\n`;
    assert.equal(planMove(analyze(text)).needsHelper, true);
    assert.equal(planMove(analyze(text), { helper: 'pass' }).needsHelper, false);
    const r = await moveSecrets(text, real, { helper: 'pass' });
    assert.deepEqual(r.moved, [{ key: 'one.example', registry: 'one.example', helper: 'pass', via: 'new-store', username: 'alice' }]);
    assert.deepEqual(r.notMoved, []);
    assert.equal(r.credsStore, 'pass');
    assert.equal(r.text, '{\n  "auths": {},\n  "credsStore": "pass"\n}\n');
    assert.deepEqual(await stored('one.example'), { username: 'alice', secret: PW });
    noSecret({ ...r, text: r.text });
  });

  test('many entries: each kind of secret, kept fields, Docker Hub; the store holds them all afterwards', async () => {
    const cfg = {
      auths: {
        'https://index.docker.io/v1/': { auth: auth('hubuser') },
        'fields.example': { username: 'fielduser', password: PW },
        'https://url.example/v2/': { auth: auth('urluser') },
        'token.example': { identitytoken: 'TOKEN-123', username: 'ignored' },
        'email.example': { auth: auth('mailuser'), email: 'm@example.com', Extra: 1 },
        'empty.example': {},
      },
      credsStore: 'pass',
      psFormat: 'table {{.ID}}',
    };
    const text = JSON.stringify(cfg, null, '\t');
    const progress: string[] = [];
    const r = await moveSecrets(text, real, { onProgress: (done, total, key) => progress.push(`${done}/${total} ${key}`) });
    assert.deepEqual(reasons(r), {});
    assert.deepEqual(r.moved.map((m) => [m.key, m.registry, m.username, m.via]), [
      ['https://index.docker.io/v1/', 'https://index.docker.io/v1/', 'hubuser', 'credsStore'],
      ['fields.example', 'fields.example', 'fielduser', 'credsStore'],
      ['https://url.example/v2/', 'url.example', 'urluser', 'credsStore'],
      ['token.example', 'token.example', '<token>', 'credsStore'],
      ['email.example', 'email.example', 'mailuser', 'credsStore'],
    ]);
    assert.equal(progress.length, 5);
    assert.equal(progress[0], '0/5 https://index.docker.io/v1/');
    assert.deepEqual(JSON.parse(r.text), {
      auths: { 'email.example': { email: 'm@example.com', Extra: 1 }, 'empty.example': {} },
      credsStore: 'pass',
      psFormat: 'table {{.ID}}',
    });
    assert.equal(r.credsStore, undefined, 'credsStore was there already');
    assert.deepEqual(await stored('https://index.docker.io/v1/'), { username: 'hubuser', secret: PW });
    assert.deepEqual(await stored('fields.example'), { username: 'fielduser', secret: PW });
    assert.deepEqual(await stored('url.example'), { username: 'urluser', secret: PW });
    assert.deepEqual(await stored('token.example'), { username: '<token>', secret: 'TOKEN-123' });
    assert.deepEqual(await stored('email.example'), { username: 'mailuser', secret: PW });
    noSecret(report(r));
    noSecret(r.text);
    // docker now asks pass for each of them (no plaintext left)
    assert.deepEqual(analyze(r.text).findings.map((f) => f.rule), ['empty-auth', 'unknown-key', 'empty-auth']);
  });

  test('one entry of several: credHelpers instead of a new credsStore, so docker still reads the others', async () => {
    const text = JSON.stringify({ auths: { 'a.example': { auth: auth('alice') }, 'b.example': { auth: auth('bob') } } });
    const r = await moveSecrets(text, real, { helper: 'pass', keys: ['a.example'] });
    assert.equal(r.credsStore, undefined);
    assert.deepEqual(r.credHelpers, [{ registry: 'a.example', helper: 'pass' }]);
    assert.deepEqual(JSON.parse(r.text), { auths: { 'b.example': { auth: auth('bob') } }, credHelpers: { 'a.example': 'pass' } });
  });

  test('--also-cred-helpers: credHelpers for podman and skopeo, which ignore credsStore', async () => {
    const text = JSON.stringify({ auths: { 'c.example': { auth: auth('carol') } }, credHelpers: { 'x.example': 'pass' } }, null, 2);
    const r = await moveSecrets(text, real, { helper: 'pass', alsoCredHelpers: true });
    assert.equal(r.credsStore, 'pass');
    assert.deepEqual(JSON.parse(r.text), { auths: {}, credHelpers: { 'x.example': 'pass', 'c.example': 'pass' }, credsStore: 'pass' });
  });

  test('a helper already holding other credentials is never overwritten; identical ones count as moved', async () => {
    assert.ok((await real.storeAndVerify('pass', { serverURL: 'held.example', username: 'newer', secret: 'current' })).ok);
    assert.ok((await real.storeAndVerify('pass', { serverURL: 'same.example', username: 'alice', secret: PW })).ok);
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'held.example': { auth: auth('older') }, 'same.example': { auth: auth('alice') } } });
    const r = await moveSecrets(text, real);
    assert.match(reasons(r)['held.example'], /already holds other credentials for held\.example/);
    assert.deepEqual(r.moved.map((m) => [m.key, m.already]), [['same.example', true]]);
    assert.deepEqual(await stored('held.example'), { username: 'newer', secret: 'current' });
    assert.deepEqual(JSON.parse(r.text).auths, { 'held.example': { auth: auth('older') } });
  });

  test('cancelled: the entries not reached stay as they are', async () => {
    const ac = new AbortController();
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'k1.example': { auth: auth('k1') }, 'k2.example': { auth: auth('k2') } } });
    const r = await moveSecrets(text, real, { signal: ac.signal, onProgress: (done) => done === 1 && ac.abort() });
    assert.deepEqual(r.moved.map((m) => m.key), ['k1.example']);
    assert.deepEqual(reasons(r), { 'k2.example': 'Cancelled.' });
    assert.deepEqual(Object.keys(JSON.parse(r.text).auths), ['k2.example']);
    assert.equal(await stored('k2.example'), 'not-found');
  });

  test('uninitialised pass: nothing moved, the message says why', async () => {
    const uninit = createPassEnv({ init: false });
    try {
      const text = JSON.stringify({ auths: { 'u.example': { auth: auth('alice') } } });
      const r = await moveSecrets(text, helperClient({ env: uninit.env }), { helper: 'pass' });
      assert.equal(r.text, text);
      assert.match(reasons(r)['u.example'], /storing failed: .*pass init/);
      noSecret(report(r));
    } finally {
      uninit.cleanup();
    }
  });
});

describe('entries that cannot be moved, and helpers that misbehave', () => {
  const fakes = fakeHelperDir();
  const marker = path.join(fakes.dir, 'liar.stored');
  const fake = helperClient({ path: fakes.path, timeoutMs: 400, maxOutputBytes: 4096 });
  const NF = `echo 'credentials not found in native keychain'; exit 1`;
  before(() => {
    fakes.write('hang', `case "$1" in get) ${NF} ;; *) exec /bin/sleep 30 ;; esac`);
    fakes.write('crash', `case "$1" in get) ${NF} ;; *) kill -SEGV $$ ;; esac`);
    fakes.write('garbage', `echo 'not json at all'`);
    fakes.write('huge', `case "$1" in get) ${NF} ;; store) cat >/dev/null; yes 'AAAAAAAAAAAAAAAA' ;; *) exit 0 ;; esac`);
    fakes.write(
      'liar',
      `case "$1" in
  get) if [ -f '${marker}' ]; then printf '{"ServerURL":"x","Username":"alice","Secret":"not-what-you-stored"}'; else ${NF}; fi ;;
  store) cat >/dev/null; touch '${marker}' ;;
  erase) rm -f '${marker}' ;;
esac`,
    );
    fakes.write('ecr-login', 'exit 0');
  });
  after(() => fakes.cleanup());

  for (const [helper, why] of [
    ['hang', /did not finish within 400 ms/],
    ['crash', /killed by SIGSEGV/],
    ['garbage', /did not answer with JSON/],
    ['huge', /more than 4096 bytes/],
    ['liar', /returned a different secret than was stored/],
    ['absent', /docker-credential-absent was not found on PATH/],
  ] as const) {
    test(`${helper}: a clear message and an unchanged file`, async () => {
      const text = `{"auths": {"r.example": {"auth": "${auth('alice')}"}}, "credsStore": "${helper}"}`;
      const r = await moveSecrets(text, fake);
      assert.equal(r.text, text);
      assert.deepEqual(r.moved, []);
      assert.match(reasons(r)['r.example'], why);
      noSecret(report(r));
    });
  }

  test('the lying helper is erased again: it holds nothing afterwards', async () => {
    assert.equal(fs.existsSync(marker), false);
  });

  test('problems found before any helper runs', async () => {
    const text = JSON.stringify({
      auths: {
        'docker.io': { auth: auth('hub') },
        'rt.example': { registrytoken: 'rt' },
        'bad.example': { auth: 'not base64!' },
        'off.example': { auth: auth('off') },
        'ecr.example': { auth: auth('ecr') },
        '*.wild.example': { auth: auth('w') },
      },
      credsStore: 'pass',
      credHelpers: { 'off.example': '', 'ecr.example': 'ecr-login' },
    });
    const plan = planMove(analyze(text));
    const problems = Object.fromEntries(plan.candidates.map((c) => [c.key, c.problem]));
    assert.match(problems['docker.io']!, /rename the key first/);
    assert.match(problems['rt.example']!, /registrytoken/);
    assert.match(problems['bad.example']!, /cannot be decoded/);
    assert.match(problems['off.example']!, /turns the store off/);
    assert.match(problems['ecr.example']!, /only generates tokens/);
    assert.match(problems['*.wild.example']!, /no registry/);
    const r = await moveSecrets(text, fake);
    assert.equal(r.text, text);
    assert.equal(r.notMoved.length, 6);
    for (const broken of ['{"auths":{"a.example":{"auth":"YTpi"}},}', '{"auths":{"a.example":{"auth":"YTpi"},"a.example":{"auth":"YTpj"}}}', '{"auths":{"a.example":{"auth":"YTpi","auth":"YTpj"}}}']) {
      const p = planMove(analyze(broken), { helper: 'pass' });
      assert.ok(p.candidates.every((c) => c.problem), broken);
    }
  });

  test('without a helper in the file and none given: nothing runs, the plan asks for one', async () => {
    const text = JSON.stringify({ auths: { 'a.example': { auth: auth('a') } } });
    assert.equal(planMove(analyze(text)).needsHelper, true);
    const r = await moveSecrets(text, fake);
    assert.equal(r.text, text);
    assert.match(reasons(r)['a.example'], /No credential helper/);
  });

  test('the edit keeps the rest of the file byte for byte', async () => {
    const text = `{\r\n  "psFormat":   "x" ,\r\n  "auths" : {\r\n\t"keep.example":{},\r\n\t"gone.example" : { "auth":"${auth('alice')}" },\r\n\t"last.example": {}\r\n  },\r\n  "credsStore": "pass"\r\n}`;
    const r = await moveSecrets(text, real);
    assert.deepEqual(reasons(r), {});
    assert.equal(r.text, text.replace(`"gone.example" : { "auth":"${auth('alice')}" },\r\n\t`, ''));
    const edit = minimalEdit(text, r.text);
    assert.equal(edit.content, '');
    assert.equal(edit.length, text.length - r.text.length);
  });
});

describe('atomic write', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-atomic-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('keeps the mode and the symlink; replaces the target; leaves no temp file', async () => {
    const real = path.join(dir, 'real', 'config.json');
    fs.mkdirSync(path.dirname(real));
    fs.writeFileSync(real, 'old', { mode: 0o640 });
    fs.chmodSync(real, 0o640);
    const link = path.join(dir, 'config.json');
    fs.symlinkSync(real, link);
    await writeFileAtomic(link, 'new', 'old');
    assert.equal(fs.lstatSync(link).isSymbolicLink(), true);
    assert.equal(fs.readFileSync(real, 'utf8'), 'new');
    assert.equal(fs.statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.dirname(real)), ['config.json']);
  });

  test('a file that changed since it was read is not written', async () => {
    const file = path.join(dir, 'changed.json');
    fs.writeFileSync(file, 'someone else wrote this', { mode: 0o600 });
    await assert.rejects(writeFileAtomic(file, 'mine', 'what I read'), FileChangedError);
    assert.equal(fs.readFileSync(file, 'utf8'), 'someone else wrote this');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('compared as bytes: a file that is not UTF-8 is never taken for the text read from it', async () => {
    const file = path.join(dir, 'latin1.json');
    const bytes = Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"x":"<E9>"}
    fs.writeFileSync(file, bytes);
    const read = fs.readFileSync(file, 'utf8'); // {"x":"\uFFFD"}
    await assert.rejects(writeFileAtomic(file, '{}', read), (e) => e instanceof FileChangedError && e.kind === 'not-utf8');
    assert.ok(fs.readFileSync(file).equals(bytes));
  });

  test('a FIFO put in place of the file: refused without blocking', { timeout: 5000 }, async () => {
    const file = path.join(dir, 'fifo.json');
    execFileSync('mkfifo', [file]);
    await assert.rejects(writeFileAtomic(file, '{}', '{"a":1}'), (e) => e instanceof FileChangedError && e.kind === 'changed');
    assert.ok(fs.statSync(file).isFIFO());
  });

  test('tells how many other hard links the old file had; removes only our own stale temp files', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'links-'));
    const file = path.join(sub, 'config.json');
    fs.writeFileSync(file, 'old');
    fs.linkSync(file, path.join(sub, 'copy.json'));
    const old = new Date(Date.now() - 3600_000);
    for (const name of ['.config.json.0123456789ab.tmp', '.config.json.fresh.tmp', '.other.json.0123456789ab.tmp']) {
      fs.writeFileSync(path.join(sub, name), 'x');
      fs.utimesSync(path.join(sub, name), old, old);
    }
    fs.writeFileSync(path.join(sub, '.config.json.ba9876543210.tmp'), 'a save running right now');
    const ino = fs.statSync(file).ino;
    assert.deepEqual(await writeFileAtomic(file, 'new', 'old'), { otherLinks: 1, inode: ino });
    assert.equal(fs.readFileSync(path.join(sub, 'copy.json'), 'utf8'), 'old');
    assert.deepEqual(fs.readdirSync(sub).sort(), ['.config.json.ba9876543210.tmp', '.config.json.fresh.tmp', '.other.json.0123456789ab.tmp', 'config.json', 'copy.json']);
    assert.equal((await writeFileAtomic(file, 'newer', 'new')).otherLinks, 0, 'the new file has no other link');
  });
});
