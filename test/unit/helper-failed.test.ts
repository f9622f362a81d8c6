// helper-failed explained (issue 12): the cause and the fix for the failures users hit most, from the
// helper's exit and message (never its text), what docker build does then, and `check --live`.
// Scripted helpers for the D-Bus, macOS keychain and Windows logon-session messages; the real
// docker-credential-pass (Debian 0.6.4) for the pass causes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { main } from '../../src/cli';
import { analyze, Finding, messageOf, setBundle } from '../../src/core';
import { helperClient } from '../../src/core/helpers/client';
import { liveFindings } from '../../src/core/live';
import { fakeHelperDir } from '../support/fake-helper';
import { createPassEnv } from '../support/pass-env';

const MARK = 'RAW-HELPER-TEXT-7f3a';
const fakes = fakeHelperDir();
after(() => fakes.cleanup());
const client = helperClient({ path: fakes.path, timeoutMs: 2000 });
/** A helper that fails every action with `said` (and a marker that must never be shown). */
const failing = (name: string, said: string): void => void fakes.write(name, `echo '${MARK} ${said}' >&2; exit 1`);
const failed = (fs: Finding[]): string[] => fs.filter((f) => f.rule === 'helper-failed').map(messageOf);

async function liveOf(config: object): Promise<string[]> {
  const found = failed(await liveFindings(analyze(JSON.stringify(config)), client));
  for (const m of found) assert.ok(!m.includes(MARK), `helper text shown: ${m}`);
  return found;
}

describe('helper-failed names the cause and the fix', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['dbus', 'error getting credentials - err: exit status 1, out: `Cannot autolaunch D-Bus without X11 $DISPLAY`', /no D-Bus session.*over SSH or in CI there is none.*dbus-run-session.*such as pass/],
    ['keychainci', 'User interaction is not allowed.', /macOS keychain is locked.*security unlock-keychain/],
    ['wincredsvc', 'A specified logon session does not exist. It may already have been terminated.', /Windows Credential Manager is not available in this logon session.*interactive session/],
    ['nokey', 'exit status 2: gpg: decryption failed: No secret key', /secret key is missing or locked; import the secret key .*gpg --import.*pass init/],
  ];
  for (const [name, said, expected] of cases) {
    test(`${name}: ${said.slice(0, 40)}`, async () => {
      failing(name, said);
      const [m, ...rest] = await liveOf({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': name } });
      assert.equal(rest.length, 0);
      assert.match(m, expected);
    });
  }

  test('what docker build does: a failing credsStore sends no credentials at all; a failing credHelpers entry only its own', async () => {
    failing('brokenstore', 'no D-Bus session');
    const [store] = await liveOf({ auths: { 'ghcr.io': {} }, credsStore: 'brokenstore' });
    assert.match(store, /"docker build" .* when the credsStore fails it sends none at all, not even those of credHelpers or "auths".*docker\/cli#1989/);
    const [one] = await liveOf({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': 'brokenstore' } });
    assert.match(one, /warns "Failed to get credentials for registry" for this one.*still sends the others/);
    assert.doesNotMatch(one, /sends none at all/);
  });

  test('in Chinese too', async () => {
    failing('zhdbus', 'no D-Bus session');
    setBundle(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')));
    try {
      const [m] = await liveOf({ auths: { 'ghcr.io': {} }, credsStore: 'zhdbus' });
      assert.match(m, /D-Bus/);
      assert.match(m, /dbus-run-session/);
      assert.match(m, /一个凭据也不发送/);
    } finally {
      setBundle(undefined);
    }
  });
});

describe('the real docker-credential-pass', () => {
  // Debian's 0.6.4 lists without decrypting, so a live check (list, then get only for an unlisted key) never
  // meets a missing key; docker's own get, resolve --run-helpers and move-secrets' verification do.
  test('the store\'s GPG secret key is missing: get fails and the reason says to import the key (docker-credential-helpers#102)', async () => {
    const pass = createPassEnv();
    try {
      const real = helperClient({ env: pass.env });
      assert.ok((await real.storeAndVerify('pass', { serverURL: 'ghcr.io', username: 'alice', secret: 'Pa55-not-shown' })).ok);
      const colons = execFileSync('gpg', ['--batch', '--list-secret-keys', '--with-colons'], { env: pass.env, encoding: 'utf8' });
      const fpr = colons.split('\n').find((l) => l.startsWith('fpr:'))!.split(':')[9];
      execFileSync('gpg', ['--batch', '--yes', '--delete-secret-keys', fpr], { env: pass.env, stdio: 'pipe' });
      const got = await real.get('pass', 'ghcr.io');
      assert.equal(got.ok, false);
      if (got.ok) return;
      assert.equal(got.error.kind, 'failed');
      assert.match(got.error.message, /^docker-credential-pass get exited with code 1: GPG cannot decrypt the password store: the secret key is missing or locked; import the secret key the store was initialised for \("gpg --import"\)/);
      // and its public key too: storing fails with the same fix
      execFileSync('gpg', ['--batch', '--yes', '--delete-keys', fpr], { env: pass.env, stdio: 'pipe' });
      const stored = await real.storeAndVerify('pass', { serverURL: 'quay.io', username: 'bob', secret: 'Pa55-not-shown' });
      assert.match(JSON.stringify(stored), /public key is missing; import the secret key/);
      assert.doesNotMatch(JSON.stringify([got, stored]), /Pa55-not-shown|No secret key|gpg:/);
    } finally {
      pass.cleanup();
    }
  });

  test('the store is not initialised: storing fails with the pass init fix (live get answers "not found", helper-missing-credential)', async () => {
    const pass = createPassEnv({ init: false });
    try {
      const r = await helperClient({ env: pass.env }).storeAndVerify('pass', { serverURL: 'ghcr.io', username: 'alice', secret: 'Pa55-not-shown' });
      assert.equal(r.ok, false);
      assert.match(JSON.stringify(r), /the pass password store is not initialised; run \\"pass init <gpg-id>\\"/);
    } finally {
      pass.cleanup();
    }
  });
});

describe('check --live', () => {
  const dir = fs.mkdtempSync(path.join(fakes.dir, 'cfg-'));
  const log = path.join(fakes.dir, 'ran.log');
  fakes.write('logged', `echo "$1" >> '${log}'; echo '${MARK} User interaction is not allowed.' >&2; exit 1`);
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': 'logged' } }), { mode: 0o600 });
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { PATH: fakes.dir, HOME: dir } });
    assert.ok(!out.includes(MARK) && !err.includes(MARK));
    return { code, out, err };
  };

  test('without --live no helper runs, as before', async () => {
    const r = await run(['check', file]);
    assert.equal(fs.existsSync(log), false);
    assert.doesNotMatch(r.out, /helper-failed/);
    assert.match(r.out, /warning empty-auth/); // the file's own findings, as ever
    assert.equal(r.code, 1, r.out + r.err);
  });

  test('--live runs the helper and reports helper-failed with its cause, on the credHelpers value; exit 1', async () => {
    const r = await run(['check', '--live', file]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /:1:50: warning helper-failed: Running the helper "logged" \(credHelpers\) fails: docker-credential-logged get exited with code 1: the macOS keychain is locked/);
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['list', 'get']);
  });

  test('--live in JSON, and the help text in both languages', async () => {
    const j = JSON.parse((await run(['check', '--live', '--format', 'json', file])).out);
    assert.deepEqual(j.files[0].findings.map((f: { rule: string }) => f.rule), ['empty-auth', 'helper-failed']);
    assert.match((await run(['--help'])).out, /--live also runs the\s+credential helpers/);
    assert.match((await run(['--lang', 'zh-cn', '--help'])).out, /--live 还会像 docker 那样运行/);
  });
});
