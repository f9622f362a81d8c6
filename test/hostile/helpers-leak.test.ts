// Hostile credential helpers that try to get a secret printed: they echo it (raw, JSON-escaped as Go
// does, base64'd in every alphabet, inside base64 of a longer text) in their error message, answer
// with invalid JSON around it, crash midway, or lie by returning a secret as the username. Also the
// real docker-credential-pass failing (not initialised, broken store). The built command line
// (dist/cli.js) runs with PATH = only the test's helper dir + /usr/bin:/bin; no form of any secret of
// the file may reach its output, text or JSON, for `resolve --run-helpers` and `move-secrets`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPassEnv, PassEnv } from '../support/pass-env';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-hostile-leak-'));
const bin = path.join(root, 'bin');
const home = path.join(root, 'home');
after(() => fs.rmSync(root, { recursive: true, force: true }));

// Secrets with every character JSON and Go escape; a distinctive ASCII core each ("CANARY").
const PW = 'Pw<1>&"CANARY-pw\\x\u0001ü';
const PW2 = 'second-CANARY-pw2<&>';
const TOKEN = 'idtok-CANARY-token-0123456789';
const RT = 'regtok-CANARY-rt-9876543210';
const b64 = (s: string | Buffer): string => Buffer.from(s as string).toString('base64');
const urlSafe = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_');
const AUTH = b64(`alice:${PW}`);

const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1);
const goInner = (s: string): string => jsonInner(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

/** Base64 forms of `text`: std and URL, padded or not, and the part a longer base64 text holds at each alignment. */
function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text);
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = b64(Buffer.concat([Buffer.alloc(k), bytes]));
    const core = enc.slice(k === 0 ? 0 : 4, 4 * Math.floor((k + bytes.length) / 3));
    out.push(core, urlSafe(core));
  }
  out.push(b64(bytes), urlSafe(b64(bytes)), b64(bytes).replace(/=+$/, ''), urlSafe(b64(bytes)).replace(/=+$/, ''));
  return out;
}

/** Every form in which a secret must never be printed (checked against raw output, so JSON-escaped too). */
function forbidden(): string[] {
  const out = new Set<string>(['CANARY', AUTH, jsonInner(AUTH)]);
  for (const [secret, user] of [[PW, 'alice'], [PW2, 'bob'], [TOKEN, undefined], [RT, undefined]] as const) {
    for (const text of [secret, jsonInner(secret), goInner(secret)]) {
      out.add(text);
      out.add(jsonInner(text));
      for (const f of base64Forms(text)) out.add(f);
    }
    if (user) for (const f of base64Forms(`${user}:${secret}`)) out.add(f);
  }
  return [...out];
}
const FORBIDDEN = forbidden();

function assertNoSecret(label: string, output: string): void {
  for (const f of FORBIDDEN) assert.ok(!output.includes(f), `${label}: a form of a secret (${JSON.stringify(f)}) was printed:\n${output}`);
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** A helper script (builtins only: PATH holds just bin, /usr/bin, /bin). */
function helper(name: string, body: string): void {
  fs.writeFileSync(path.join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}
/** A helper that prints `text` on stdout (or stderr) for every action and exits `code`. */
const printer = (name: string, text: string, code = 1, toStderr = false): void => helper(name, `printf '%s\\n' ${sq(text)}${toStderr ? ' >&2' : ''}; exit ${code}`);

function config(name: string, store: string): string {
  const file = path.join(root, `${name}.json`);
  const text = JSON.stringify({
    credsStore: store,
    auths: {
      'leak.example': { auth: AUTH },
      'other.example': { username: 'bob', password: PW2 },
      'tok.example': { identitytoken: TOKEN },
      'rt.example': { registrytoken: RT },
    },
  });
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

interface Run { code: number | null; out: string; err: string; ms: number }
function cliRun(args: string[], env: Record<string, string> = {}): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    cwd: root,
    env: { PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: home, LANG: 'C', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

/** resolve --run-helpers, text and JSON: no secret in either; the JSON result for further checks. */
function resolve(store: string, env: Record<string, string> = {}): { text: Run; json: Record<string, unknown> } {
  const file = config(store, store);
  const text = cliRun(['resolve', 'leak.example/app', '--config', file, '--run-helpers'], env);
  assertNoSecret(`${store} (text)`, text.out + text.err);
  assert.equal(text.code, 0, text.err);
  const json = cliRun(['resolve', 'leak.example/app', '--config', file, '--run-helpers', '--format', 'json'], env);
  assertNoSecret(`${store} (json)`, json.out + json.err);
  return { text, json: JSON.parse(json.out) as Record<string, unknown> };
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run "npm run build" first`);
  fs.mkdirSync(bin);
  fs.mkdirSync(home);
});

describe('resolve --run-helpers: a failing helper whose message carries a secret', () => {
  const messages: Record<string, string> = {
    raw: `get failed: stored secret is ${PW}`,
    'go-json': `{"message":"stored secret is ${goInner(PW)}"}`,
    'std-json': `bad secret "${jsonInner(PW)}"`,
    base64: `secret was ${b64(PW)}`,
    'base64-url-unpadded': `secret was ${urlSafe(b64(PW)).replace(/=+$/, '')}`,
    'base64-user': `auth was ${b64(`alice:${PW}`)}`,
    'base64-payload': `payload ${b64(`{"ServerURL":"leak.example","Username":"alice","Secret":"${goInner(PW)}"}`)}`,
    'base64-payload-shifted': `payload ${b64(`x{"Secret":"${PW}"}`)} ${b64(`xy{"Secret":"${PW}"}`)}`,
    'other-secrets': `others: ${PW2} ${TOKEN} ${RT} ${AUTH} ${goInner(PW2)}`,
    'with-known-reason': `pass not initialized: ${PW} ${b64(PW)}`,
  };
  for (const [name, message] of Object.entries(messages)) {
    for (const stream of ['stdout', 'stderr'] as const) {
      test(`${name} on ${stream}`, () => {
        printer(`${name}-${stream}`, message, 1, stream === 'stderr');
        const { text, json } = resolve(`${name}-${stream}`);
        assert.equal(json.helperAnswer, 'failed');
        assert.match(String(json.helperError), new RegExp(`^docker-credential-${name}-${stream} get exited with code 1`));
        assert.match(text.out, /helper: {3}docker-credential-/);
        // docker pull falls back to the plaintext entry: its username, from the file
        assert.equal(json.username, 'alice');
      });
    }
  }

  test('a crash midway through the answer (killed by a signal) shows no part of it', () => {
    helper('crash', `printf '{"ServerURL":"leak.example","Username":"alice","Secret":"%s' ${sq(goInner(PW))}; kill -KILL $$`);
    const { json } = resolve('crash');
    assert.equal(json.helperAnswer, 'failed');
    assert.equal(json.helperError, 'docker-credential-crash get was killed by SIGKILL (its output is not shown: it may hold a secret)');
  });

  test('invalid JSON around the secret is bad output, not echoed', () => {
    helper('badjson', `printf '{"Username":"alice","Secret":"%s",,}' ${sq(goInner(PW))}`);
    const { json } = resolve('badjson');
    assert.equal(json.helperError, 'docker-credential-badjson get did not answer with JSON');
  });
});

describe('resolve --run-helpers: a helper that lies about the username', () => {
  const answer = (name: string, username: string, secret = 'its-own-secret-value') =>
    helper(name, `printf '%s' ${sq(JSON.stringify({ ServerURL: 'leak.example', Username: username, Secret: secret }).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`))}`);

  test('another username: shown, because docker sends it', () => {
    answer('mallory', 'mallory');
    const { text, json } = resolve('mallory');
    assert.deepEqual([json.helperAnswer, json.username, json.helperError], ['found', 'mallory', undefined]);
    assert.match(text.out, /username: mallory/);
  });

  for (const [name, username] of [
    ['user-is-pw', PW],
    ['user-is-pw2', `x ${PW2} y`],
    ['user-is-token', TOKEN],
    ['user-is-b64', b64(PW)],
  ] as const) {
    test(`a username that is a secret of the file (${name}) is withheld`, () => {
      answer(name, username);
      const { text, json } = resolve(name);
      assert.deepEqual([json.helperAnswer, json.username], ['found', null]);
      assert.match(String(json.helperError), /username that holds a secret .* not shown/);
      assert.doesNotMatch(text.out, /username:/);
    });
  }

  test('a username that holds the helper\'s own secret is withheld too', () => {
    answer('user-is-own', 'own-SeCrEt-999', 'own-SeCrEt-999');
    const { text, json } = resolve('user-is-own');
    assert.equal(json.username, null);
    assert.ok(!(text.out + JSON.stringify(json)).includes('own-SeCrEt-999'));
  });
});

describe('move-secrets: a helper that echoes what it was given', () => {
  test('store and erase echo the payload (raw, Go JSON, base64): not moved, nothing printed, file unchanged', () => {
    helper(
      'echo-store',
      `IFS= read -r line
case "$1" in
  get) echo 'credentials not found in native keychain'; exit 1 ;;
  store) printf 'cannot store %s\\n' "$line"; printf '%s' "$line" | /usr/bin/base64 -w0; echo; exit 1 ;;
  erase) printf 'cannot erase %s %s\\n' "$line" ${sq(PW2)}; exit 1 ;;
esac`,
    );
    const file = config('move-echo', 'echo-store');
    const before = fs.readFileSync(file, 'utf8');
    const r = cliRun(['move-secrets', '--config', file, '--yes']);
    assertNoSecret('move-secrets', r.out + r.err);
    assert.equal(r.code, 1);
    assert.match(r.out, /not moved {2}leak\.example: storing failed: docker-credential-echo-store store exited with code 1 \(its output is not shown/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  test('a helper that reads back another username: not moved, erased again, nothing printed', () => {
    const saved = path.join(root, 'liar.saved');
    helper(
      'liar',
      `IFS= read -r line
case "$1" in
  get) if [ -f '${saved}' ]; then printf '{"ServerURL":"x","Username":"mallory","Secret":"%s"}' ${sq(goInner(PW))}; else echo 'credentials not found in native keychain'; exit 1; fi ;;
  store) printf '%s' "$line" > '${saved}' ;;
  erase) /bin/rm -f '${saved}' ;;
esac`,
    );
    const file = config('move-liar', 'liar');
    const before = fs.readFileSync(file, 'utf8');
    const r = cliRun(['move-secrets', '--config', file, '--yes']);
    assertNoSecret('move-secrets liar', r.out + r.err);
    assert.match(r.out, /not moved {2}leak\.example: docker-credential-liar returned a different username than was stored/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.equal(fs.existsSync(saved), false, 'the helper was erased again');
  });
});

describe('the real docker-credential-pass failing', () => {
  let uninit: PassEnv;
  before(() => {
    uninit = createPassEnv({ init: false });
  });
  after(() => uninit?.cleanup());
  const env = (): Record<string, string> => ({ GNUPGHOME: uninit.env.GNUPGHOME, PASSWORD_STORE_DIR: uninit.env.PASSWORD_STORE_DIR, HOME: uninit.env.HOME });

  test('not initialised: move-secrets says so in fixed words, prints no secret, leaves the file', () => {
    const file = config('pass-uninit', 'pass');
    const before = fs.readFileSync(file, 'utf8');
    const r = cliRun(['move-secrets', '--config', file, '--yes'], env());
    assertNoSecret('move-secrets pass', r.out + r.err);
    assert.match(r.out, /storing failed: docker-credential-pass store exited with code 1: the pass password store is not initialised; run "pass init <gpg-id>"/);
    assert.doesNotMatch(r.out, /Try "pass init"|exit status/, 'pass\'s own words are not shown');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  test('a store left broken (an entry without a username): resolve reports the failure in fixed words', () => {
    // docker-credential-pass 0.6.4 keeps entries under docker-credential-helpers/<base64 of the URL>/.
    fs.mkdirSync(path.join(uninit.storeDir, 'docker-credential-helpers', b64('leak.example')), { recursive: true });
    const { json } = resolve('pass', env());
    assert.equal(json.helperAnswer, 'failed');
    assert.equal(json.helperError, 'docker-credential-pass get exited with code 1: the password store holds an entry for this server without a username');
  });
});
