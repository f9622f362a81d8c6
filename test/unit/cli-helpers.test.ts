// The command line's helper commands: move-secrets (real docker-credential-pass and scripted helpers) and
// resolve --run-helpers. Exit codes, what is printed, and that no secret is ever printed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli';
import { helperClient } from '../../src/core/helpers/client';
import { fakeHelperDir } from '../support/fake-helper';
import { createPassEnv, PassEnv } from '../support/pass-env';
import { b64 } from './util';

const PW = 'Pa55-w0rd-that-must-not-leak';
const AUTH = b64(`alice:${PW}`);
let pass: PassEnv;
let dir: string;
const fakes = fakeHelperDir();

before(() => {
  pass = createPassEnv();
  dir = path.join(pass.root, 'cfg');
  fs.mkdirSync(dir);
  fakes.write('crash', `case "$1" in get) echo 'credentials not found in native keychain'; exit 1 ;; *) kill -SEGV $$ ;; esac`);
  fakes.write('broken', `echo 'no D-Bus session: cannot reach the secret service'; exit 1`);
});
after(() => {
  pass?.cleanup();
  fakes.cleanup();
});

interface Run {
  code: number;
  out: string;
  err: string;
}
async function run(args: string[], extra: { tty?: boolean; answer?: string; path?: string } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const env = { ...pass.env, ...(extra.path ? { PATH: extra.path } : {}) };
  const code = await main(args, {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    env,
    isTTY: extra.tty ?? false,
    ask: async (q) => ((out += q), extra.answer ?? ''),
  });
  for (const s of [out, err]) assert.ok(!s.includes(PW) && !s.includes(AUTH), `secret printed:\n${s}`);
  return { code, out, err };
}
function write(name: string, config: unknown, mode = 0o600): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2) + '\n', { mode });
  fs.chmodSync(file, mode);
  return file;
}
const client = () => helperClient({ env: pass.env });

describe('move-secrets', () => {
  test('--yes: moves, keeps the mode, prints what moved and what docker now does; exit 0', async () => {
    const f = write('all.json', { auths: { 'ghcr.io': { auth: AUTH }, 'quay.io': { username: 'q', password: PW } } }, 0o640);
    const r = await run(['move-secrets', '--config', f, '--helper', 'pass', '--yes']);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /moved {6}ghcr\.io -> docker-credential-pass \(username "alice"\)/);
    assert.match(r.out, /moved {6}quay\.io -> docker-credential-pass \(username "q"\)/);
    assert.match(r.out, /credsStore set to "pass"/);
    assert.match(r.out, /2 moved, 0 not moved/);
    assert.match(r.out, /podman, skopeo and buildah ignore credsStore/);
    assert.deepEqual(JSON.parse(fs.readFileSync(f, 'utf8')), { auths: {}, credsStore: 'pass' });
    assert.equal(fs.statSync(f).mode & 0o777, 0o640);
    const got = await client().get('pass', 'ghcr.io');
    assert.ok(got.ok && got.value.username === 'alice' && got.value.secret === PW);
  });

  test('through a symlink, with --also-cred-helpers: the link stays, credHelpers are written', async () => {
    const target = write('target.json', { credsStore: 'pass', auths: { 'r.example:5000': { auth: AUTH, email: 'a@example.com' } } });
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(target, link);
    const r = await run(['move-secrets', '--config', link, '--also-cred-helpers', '--yes']);
    assert.equal(r.code, 0, r.err + r.out);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.deepEqual(JSON.parse(fs.readFileSync(target, 'utf8')), { credsStore: 'pass', auths: { 'r.example:5000': { email: 'a@example.com' } }, credHelpers: { 'r.example:5000': 'pass' } });
    assert.doesNotMatch(r.out, /podman/);
  });

  test('some not moved: exit 1, each reason printed, the rest moved', async () => {
    const f = write('some.json', { credsStore: 'pass', auths: { 'ok.example': { auth: AUTH }, 'rt.example': { registrytoken: 'x' } } });
    const r = await run(['move-secrets', '--config', f, '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.out, /not moved  rt\.example: .*registrytoken/);
    assert.match(r.out, /1 moved, 1 not moved/);
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(f, 'utf8')).auths), ['rt.example']);
  });

  test('a crashing helper: exit 1, a clear message, the file unchanged byte for byte', async () => {
    const text = `{"credsStore":"crash","auths":{"c.example":{"auth":"${AUTH}"}}}`;
    const f = write('crash.json', text);
    const r = await run(['move-secrets', '--config', f, '--yes'], { path: fakes.path });
    assert.equal(r.code, 1);
    assert.match(r.out, /not moved  c\.example: storing failed: docker-credential-crash store was killed by SIGSEGV/);
    assert.equal(fs.readFileSync(f, 'utf8'), text);
  });

  test('without --yes and without a terminal: refused, exit 2, nothing run', async () => {
    const text = JSON.stringify({ credsStore: 'pass', auths: { 'n.example': { auth: AUTH } } });
    const f = write('notty.json', text);
    const r = await run(['move-secrets', '--config', f]);
    assert.equal(r.code, 2);
    assert.match(r.err, /stdin is not a terminal; add --yes/);
    assert.equal(fs.readFileSync(f, 'utf8'), text);
    const got = await client().get('pass', 'n.example');
    assert.equal(!got.ok && got.error.kind, 'not-found');
  });

  test('on a terminal it asks: "n" moves nothing (exit 1), "y" moves', async () => {
    const text = JSON.stringify({ credsStore: 'pass', auths: { 't.example': { auth: AUTH } } });
    const f = write('tty.json', text);
    const no = await run(['move-secrets', '--config', f], { tty: true, answer: 'n' });
    assert.equal(no.code, 1);
    assert.match(no.out, /t\.example -> docker-credential-pass[\s\S]*\[y\/N\][\s\S]*Nothing was moved/);
    assert.equal(fs.readFileSync(f, 'utf8'), text);
    const yes = await run(['move-secrets', '--config', f], { tty: true, answer: 'y' });
    assert.equal(yes.code, 0, yes.out);
  });

  test('usage errors: exit 2', async () => {
    const f = write('usage.json', { auths: { 'u.example': { auth: AUTH } } });
    const cases: Array<[string[], RegExp, string?]> = [
      [['move-secrets', '--config', f, '--yes'], /choose one with --helper NAME \(installed: .*pass/],
      [['move-secrets', '--config', f, '--helper', 'ecr-login', '--yes'], /only generates tokens/],
      [['move-secrets', '--config', f, '--helper', 'docker-credential-pass', '--yes'], /without the "docker-credential-" prefix/],
      [['move-secrets', '--config', f, '--helper', 'nosuchhelper', '--yes'], /not on PATH/],
      [['move-secrets', '--config', f, '--bogus'], /unknown option --bogus/],
      [['move-secrets', 'extra'], /takes no arguments/],
      [['move-secrets', '--config', path.join(dir, 'none.json'), '--yes'], /no such file/],
    ];
    for (const [args, why] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, why);
    }
    const store = write('store.json', { credsStore: 'secretservice', auths: { 'u.example': { auth: AUTH } } });
    const clash = await run(['move-secrets', '--config', store, '--helper', 'pass', '--yes']);
    assert.equal(clash.code, 2);
    assert.match(clash.err, /names credsStore "secretservice"/);
  });

  test('nothing to move: exit 0', async () => {
    const r = await run(['move-secrets', '--config', write('none.json', { credsStore: 'pass', auths: { 'x.example': {} } })]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no plaintext secrets to move/);
  });
});

describe('resolve --run-helpers', () => {
  test('asks the helper with docker\'s key and prints the username it returns', async () => {
    assert.ok((await client().storeAndVerify('pass', { serverURL: 'https://index.docker.io/v1/', username: 'hubber', secret: PW })).ok);
    const f = write('res.json', { credsStore: 'pass', auths: { 'https://index.docker.io/v1/': {} } });
    const json = await run(['resolve', 'alpine', '--config', f, '--format', 'json', '--run-helpers']);
    assert.deepEqual(JSON.parse(json.out), {
      registry: 'docker.io',
      key: 'https://index.docker.io/v1/',
      source: 'credsStore',
      helper: 'pass',
      entry: null,
      username: 'hubber',
      helperAnswer: 'found',
    });
    const text = await run(['resolve', 'alpine', '--config', f, '--run-helpers']);
    assert.match(text.out, /username: hubber/);
    const without = JSON.parse((await run(['resolve', 'alpine', '--config', f, '--format', 'json'])).out);
    assert.equal(without.username, null, 'without --run-helpers nothing runs');
  });

  test('not found: empty credentials, no fallback to the plaintext entry', async () => {
    const f = write('nf.json', { credsStore: 'pass', auths: { 'nf.example': { auth: AUTH } } });
    const r = await run(['resolve', 'nf.example/app', '--config', f, '--format', 'json', '--run-helpers']);
    const j = JSON.parse(r.out);
    assert.deepEqual([j.source, j.username, j.helperAnswer], ['credsStore', null, 'not-found']);
    assert.match((await run(['resolve', 'nf.example/app', '--config', f, '--run-helpers'])).out, /docker sends empty credentials \(no fallback to auths\)/);
  });

  test('a failing helper: docker pull falls back to the plaintext entry', async () => {
    const f = write('fail.json', { credsStore: 'broken', auths: { 'f.example': { auth: AUTH } } });
    const r = await run(['resolve', 'f.example/app', '--config', f, '--format', 'json', '--run-helpers'], { path: fakes.path });
    const j = JSON.parse(r.out);
    assert.deepEqual([j.source, j.entry, j.username, j.helper, j.helperAnswer], ['auths', 'f.example', 'alice', 'broken', 'failed']);
    assert.match(j.helperError, /no D-Bus session/);
  });

  test('no auth settings at all: docker\'s default store (pass) is asked', async () => {
    const f = write('empty.json', {});
    const j = JSON.parse((await run(['resolve', 'alpine', '--config', f, '--format', 'json', '--run-helpers'])).out);
    assert.deepEqual([j.source, j.helper, j.detectedStore, j.username], ['credsStore', 'pass', true, 'hubber']);
  });
});

describe('check', () => {
  test('a helper not on PATH and a readable file with secrets are reported', async () => {
    const f = write('check.json', { credsStore: 'nosuchhelper', auths: { 'a.example': { auth: AUTH } } }, 0o644);
    const r = await run(['check', f]);
    assert.equal(r.code, 1);
    assert.match(r.out, /error helper-not-found: "docker-credential-nosuchhelper" is not on PATH/);
    assert.match(r.out, /warning file-permissions: .*0644/);
  });
});
