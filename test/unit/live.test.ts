// Live checks (src/core/live.ts): scripted fake helpers and the real docker-credential-pass.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze, Finding, messageOf } from '../../src/core';
import { helperClient } from '../../src/core/helpers/client';
import { askHelpers, liveChecks, liveFindings, liveFindingsFrom, liveOffFindings } from '../../src/core/live';
import { fakeHelperDir } from '../support/fake-helper';
import { createPassEnv } from '../support/pass-env';
import { b64, covered } from './util';

const fakes = fakeHelperDir();
const log = path.join(fakes.dir, 'calls.log');
const client = helperClient({ path: fakes.path, timeoutMs: 400 });
/** A helper that logs `<name> <action> <stdin>`, lists `list`, and answers get for `has` only. */
function writeStore(name: string, list: string, has: string[]): void {
  const known = has.map((k) => `"${k}"`).join('|') || '__none__';
  fakes.write(
    name,
    `IFS= read -r input; printf '%s %s %s\\n' ${name} "$1" "$input" >> '${log}'
case "$1" in
  list) printf '%s' '${list}' ;;
  get) case "$input" in ${known}) printf '{"ServerURL":"%s","Username":"u","Secret":"TOPSECRET"}' "$input" ;; *) echo 'credentials not found in native keychain'; exit 1 ;; esac ;;
  *) echo 'not implemented'; exit 1 ;;
esac`,
  );
}
const calls = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
const show = (text: string, fs: Finding[]) => fs.map((f) => `${f.rule}/${f.severity} ${covered(text, f)}`);

before(() => {
  writeStore('store', '{"ghcr.io":"alice"}', ['localhost:5000']);
  writeStore('nolist', 'not json', ['quay.io']);
  fakes.write('broken', `echo 'pass store is uninitialized: run "pass init"'; exit 1`);
  fakes.write('hang', 'exec /bin/sleep 30');
});
after(() => fakes.cleanup());

describe('live checks with scripted helpers', () => {
  const text = JSON.stringify(
    {
      auths: {
        'ghcr.io': {},
        'quay.io': {},
        'localhost:5000': {},
        'https://index.docker.io/v1/': {},
        'https://r.example/v2/': {},
        'docker.io': {},
        'withsecret.io': { auth: b64('bob:pw') },
      },
      credsStore: 'store',
      credHelpers: { 'r.example': 'broken', 'nolist.io': 'nolist' },
    },
    null,
    2,
  );

  test('questions: one per (helper, docker key), never for keys docker ignores', () => {
    assert.deepEqual(liveChecks(analyze(text)), [
      { helper: 'store', key: 'ghcr.io' },
      { helper: 'store', key: 'quay.io' },
      { helper: 'store', key: 'localhost:5000' },
      { helper: 'store', key: 'https://index.docker.io/v1/' },
      { helper: 'broken', key: 'r.example' },
      { helper: 'store', key: 'withsecret.io' },
    ]);
    assert.deepEqual(liveChecks(analyze('{"auths":{"a.io":{}},"credsStore":"store",}')), [], 'docker ignores a file with a syntax error');
    assert.deepEqual(liveChecks(analyze('{"auths":{"a.io":{}},"credsStore":"docker-credential-x"}')), [], 'invalid names are never run');
  });

  test('missing credentials and failing helpers; list once per helper, get only for unlisted keys, as docker asks', async () => {
    fs.rmSync(log, { force: true });
    const a = analyze(text);
    const found = await liveFindings(a, client);
    assert.deepEqual(show(text, found), [
      'helper-missing-credential/error "quay.io"',
      'helper-missing-credential/error "https://index.docker.io/v1/"',
      'helper-missing-credential/error "withsecret.io"',
      'helper-failed/warning "broken"',
    ]);
    assert.match(messageOf(found[0]), /docker-credential-store get.*"quay\.io".*no basic auth credentials.*docker login quay\.io/);
    assert.match(messageOf(found[1]), /Run "docker login" again/);
    assert.match(messageOf(found[2]), /never uses the plaintext secret/);
    assert.match(messageOf(found[3]), /get exited with code 1: the pass password store is not initialised; run "pass init <gpg-id>"/);
    assert.doesNotMatch(messageOf(found[3]), /uninitialized/, 'the helper\'s own words are not shown');
    assert.deepEqual(found[3].path, ['credHelpers', 'r.example']);
    assert.deepEqual(calls().sort(), [
      'store get https://index.docker.io/v1/',
      'store get localhost:5000',
      'store get quay.io',
      'store get withsecret.io',
      'store list ',
    ]);
    for (const f of found) assert.ok(!messageOf(f).includes('TOPSECRET'));
  });

  test('a helper without a usable list is asked with get; a hanging one times out once and is reported', async () => {
    const t2 = JSON.stringify({ auths: { 'quay.io': {}, 'other.io': {} }, credsStore: 'nolist' });
    assert.deepEqual(show(t2, await liveFindings(analyze(t2), client)), ['helper-missing-credential/error "other.io"']);
    const t3 = JSON.stringify({ auths: { 'a.io': {}, 'b.io': {} }, credsStore: 'hang' });
    const t0 = Date.now();
    const hung = await liveFindings(analyze(t3), client);
    assert.ok(Date.now() - t0 < 2000, 'the list time-out is not repeated for every key');
    assert.deepEqual(show(t3, hung), ['helper-failed/warning "hang"']);
    assert.match(messageOf(hung[0]), /did not finish within 400 ms/);
  });

  test('a helper not on PATH is left to helper-not-found', async () => {
    const t4 = JSON.stringify({ auths: { 'a.io': {} }, credsStore: 'absent' });
    assert.deepEqual(await liveFindings(analyze(t4), client), []);
  });

  test('answers are laid over a later text: ranges follow the edits, new entries wait for the next run', async () => {
    const before = analyze(text);
    const answers = await askHelpers(liveChecks(before), client);
    const edited = text.replace('"auths": {', '"auths": {\n    "new.io": {},');
    const f = liveFindingsFrom(analyze(edited), answers);
    assert.deepEqual(show(edited, f), show(text, liveFindingsFrom(before, answers)));
    assert.ok(f[0].offset > liveFindingsFrom(before, answers)[0].offset);
  });

  test('an aborted run throws and stops asking', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(liveFindings(analyze(text), client, { signal: ac.signal }), { name: 'AbortError' });
  });

  test('untrusted: one information finding saying the check did not run', () => {
    const off = liveOffFindings(analyze(text));
    assert.deepEqual(show(text, off), ['live-checks-off/info "ghcr.io"']);
    assert.match(messageOf(off[0]), /not trusted/);
    assert.deepEqual(liveOffFindings(analyze('{"auths":{"a.io":{"auth":"YTpi"}}}')), []);
  });
});

describe('live checks with the real docker-credential-pass', () => {
  const ask = async (text: string, init: boolean) => {
    const pass = createPassEnv({ init });
    try {
      const real = helperClient({ env: pass.env });
      if (init) {
        assert.ok((await real.storeAndVerify('pass', { serverURL: 'ghcr.io', username: 'alice', secret: 'pw1' })).ok);
        assert.ok((await real.storeAndVerify('pass', { serverURL: 'https://index.docker.io/v1/', username: 'hubuser', secret: 'pw2' })).ok);
      }
      return show(text, await liveFindings(analyze(text), real));
    } finally {
      pass.cleanup();
    }
  };

  test('a placeholder whose credentials pass holds is fine; the other is helper-missing-credential', async () => {
    const text = JSON.stringify({ auths: { 'ghcr.io': {}, 'quay.io': {}, 'https://index.docker.io/v1/': {} }, credsStore: 'pass' });
    assert.deepEqual(await ask(text, true), ['helper-missing-credential/error "quay.io"']);
  });

  test('uninitialised pass lists nothing and answers get with not found, as docker sees it', async () => {
    const text = JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'pass' });
    assert.deepEqual(await ask(text, false), ['helper-missing-credential/error "ghcr.io"']);
  });
});
