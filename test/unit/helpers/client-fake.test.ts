// The helper client against scripted fake helpers: hangs, crashes, garbage, huge output, liars.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  helperErase, helperGet, helperList, helperStore, helperVersion, HelperResult, storeAndVerify,
} from '../../../src/core/helpers/client';
import { fakeHelperDir } from '../../support/fake-helper';

const fakes = fakeHelperDir();
after(() => fakes.cleanup());
const opts = { path: fakes.path };
const SECRET = 's3cr3t-"quoted"-Pässwörd';
const creds = { serverURL: 'https://r.example', username: 'alice', secret: SECRET };
const file = (n: string): string => path.join(fakes.dir, n);

/** Assert nothing in a failed result (message or any field) contains the secret or the stdin payload. */
function assertNoSecret(r: HelperResult<unknown> | { ok: boolean }): void {
  const text = JSON.stringify(r);
  assert.ok(!text.includes('s3cr3t'), `secret leaked: ${text}`);
  assert.ok(!text.includes('"ServerURL"') && !text.includes('\\"ServerURL'), `stdin leaked: ${text}`);
}

/** Running (not gone, not a zombie waiting to be reaped). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function errorOf<T>(r: HelperResult<T>) {
  assert.equal(r.ok, false, 'expected an error');
  return (r as Extract<HelperResult<T>, { ok: false }>).error;
}

test('a helper that hangs is killed at the time limit, with everything it started', async () => {
  const pidFile = file('hang.pid');
  fakes.write('hang', `/bin/sleep 30 & echo $! > '${pidFile}'; wait`);
  const t0 = Date.now();
  const r = await helperGet('hang', 'https://r.example', { ...opts, timeoutMs: 500 });
  const elapsed = Date.now() - t0;
  const e = errorOf(r);
  assert.equal(e.kind, 'timeout');
  assert.match(e.message, /500 ms/);
  assert.ok(elapsed >= 450 && elapsed < 2500, `took ${elapsed} ms`);
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((res) => setTimeout(res, 50));
  assert.equal(isAlive(pid), false, 'the grandchild sleep survived');
});

test('a hanging store does not leak the secret in its timeout error', async () => {
  fakes.write('hangstore', 'exec /bin/sleep 30');
  const r = await helperStore('hangstore', creds, { ...opts, timeoutMs: 300 });
  assert.equal(errorOf(r).kind, 'timeout');
  assertNoSecret(r);
});

test('a crash or non-zero exit is failed: how it ended and a fixed reason, never the helper text', async () => {
  fakes.write('crash', 'kill -SEGV $$');
  const c = errorOf(await helperGet('crash', 'https://r.example', opts));
  assert.equal(c.kind, 'failed');
  assert.equal(c.message, 'docker-credential-crash get was killed by SIGSEGV');

  fakes.write('exit3', 'echo "  the keyring is locked (session 4711)  "; exit 3');
  const f = errorOf(await helperList('exit3', opts));
  assert.equal(f.kind, 'failed');
  assert.equal(f.exitCode, 3);
  assert.equal(f.message, 'docker-credential-exit3 list exited with code 3: the keychain or keyring is locked');

  fakes.write('stderronly', 'echo "dbus: no session bus at /run/user/4711" >&2; exit 1');
  const d = errorOf(await helperErase('stderronly', 'https://r.example', opts)).message;
  assert.match(d, /: no D-Bus session or no secret service/);
  assert.ok(!d.includes('4711'), d);

  fakes.write('unknown', 'echo "something odd happened 4711"; exit 2');
  assert.equal(errorOf(await helperList('unknown', opts)).message, 'docker-credential-unknown list exited with code 2 (its output is not shown: it may hold a secret)');

  fakes.write('silent', 'exit 1');
  assert.equal(errorOf(await helperVersion('silent', opts)).message, 'docker-credential-silent version exited with code 1');
});

test('long helper messages are never echoed', async () => {
  fakes.write('chatty', `/usr/bin/head -c 5000 /dev/zero | /usr/bin/tr '\\0' x; exit 1`);
  const e = errorOf(await helperList('chatty', opts));
  assert.equal(e.kind, 'failed');
  assert.ok(!e.message.includes('xxx'), e.message);
});

test('not found: the exact message, and empty Username+Secret with exit 0', async () => {
  fakes.write('nf', 'echo "credentials not found in native keychain"; exit 1');
  const e = errorOf(await helperGet('nf', 'https://r.example', opts));
  assert.equal(e.kind, 'not-found');
  assert.equal(errorOf(await helperErase('nf', 'https://r.example', opts)).kind, 'not-found');

  fakes.write('debpass', `read -r url; printf '{"ServerURL":"%s","Username":"","Secret":""}\\n' "$url"`);
  assert.equal(errorOf(await helperGet('debpass', 'https://r.example', opts)).kind, 'not-found');

  fakes.write('nf-other', 'echo "Credentials not found"; exit 1');
  assert.equal(errorOf(await helperGet('nf-other', 'https://r.example', opts)).kind, 'failed');
});

test('garbage and wrong shapes are bad-output, without echoing the output', async () => {
  fakes.write('garbage', `echo 'this is not json ${SECRET}'`);
  const g = await helperGet('garbage', 'https://r.example', opts);
  assert.equal(errorOf(g).kind, 'bad-output');
  assertNoSecret(g);
  assert.equal(errorOf(await helperList('garbage', opts)).kind, 'bad-output');

  for (const body of ['[]', '"x"', 'null', '{"Username":1,"Secret":"x"}', '{"Username":"u"}', '{"ServerURL":3,"Username":"u","Secret":"x"}']) {
    fakes.write('shape', `echo '${body}'`);
    assert.equal(errorOf(await helperGet('shape', 'https://r.example', opts)).kind, 'bad-output', body);
  }
  fakes.write('listshape', `echo '{"https://r.example":{"u":1}}'`);
  assert.equal(errorOf(await helperList('listshape', opts)).kind, 'bad-output');
});

test('huge output is bad-output and the helper is stopped', async () => {
  fakes.write('huge', `/usr/bin/head -c 3000000 /dev/zero | /usr/bin/tr '\\0' a`);
  const t0 = Date.now();
  const e = errorOf(await helperGet('huge', 'https://r.example', opts));
  assert.equal(e.kind, 'bad-output');
  assert.match(e.message, /more than 1048576 bytes/);
  assert.ok(Date.now() - t0 < 5000);

  fakes.write('hugeerr', `/usr/bin/head -c 3000 /dev/zero >&2; exit 1`);
  assert.equal(errorOf(await helperList('hugeerr', { ...opts, maxOutputBytes: 1000 })).kind, 'bad-output');
});

test('helper-missing when the executable is not on PATH', async () => {
  const e = errorOf(await helperGet('dcg-not-installed', 'https://r.example', opts));
  assert.equal(e.kind, 'helper-missing');
  assert.match(e.message, /docker-credential-dcg-not-installed was not found on PATH/);
  fakes.write('onlyhere', 'echo 1.0');
  assert.equal(errorOf(await helperVersion('onlyhere', { path: '/usr/bin:/bin' })).kind, 'helper-missing');
  assert.equal(errorOf(await helperVersion('onlyhere', { env: { PATH: '/nonexistent' } })).kind, 'helper-missing');
});

test('the secret goes on stdin only: never in argv or the environment', async () => {
  const rec = file('rec');
  fakes.write('recorder', `echo "$@" > '${rec}.argv'; /usr/bin/env > '${rec}.env'; /bin/cat > '${rec}.stdin'`);
  const r = await helperStore('recorder', creds, { ...opts, env: { ...process.env, DCG_MARK: 'yes' } });
  assert.deepEqual(r, { ok: true, value: undefined });
  assert.equal(fs.readFileSync(`${rec}.argv`, 'utf8'), 'store\n');
  const env = fs.readFileSync(`${rec}.env`, 'utf8');
  assert.ok(!env.includes('s3cr3t'));
  assert.match(env, /^DCG_MARK=yes$/m);
  assert.match(env, new RegExp(`^PATH=${fakes.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  assert.deepEqual(JSON.parse(fs.readFileSync(`${rec}.stdin`, 'utf8')), { ServerURL: 'https://r.example', Username: 'alice', Secret: SECRET });
});

test('a helper that echoes the secret (or the whole stdin) in its error leaks nothing', async () => {
  const bodies = [
    'IFS= read -r line; echo "could not store: $line"; exit 1',
    'IFS= read -r line; echo "could not store: $line" >&2; exit 1',
    `IFS= read -r line; echo "$line" | /bin/sed -n 's/.*"Secret":"\\(.*\\)"}$/bad secret: \\1/p'; exit 1`,
    `/usr/bin/head -c 290 /dev/zero | /usr/bin/tr '\\0' x; IFS= read -r line; echo "$line"; exit 1`,
  ];
  for (const body of bodies) {
    fakes.write('echoer', body);
    const r = await helperStore('echoer', creds, opts);
    const e = errorOf(r);
    assert.equal(e.kind, 'failed', body);
    assertNoSecret(r);
    const v = await storeAndVerify('echoer', creds, opts);
    assert.equal(v.ok, false);
    assertNoSecret(v);
  }
  // The plain secret: not echoed either.
  fakes.write('echoer', `IFS= read -r line; printf 'x%sx' '${SECRET.replace(/'/g, `'\\''`)}'; exit 1`);
  const r = await helperStore('echoer', creds, opts);
  assert.match(errorOf(r).message, /its output is not shown/);
  assertNoSecret(r);
});

test('storeAndVerify: ok with an honest helper, fails at the step that failed', async () => {
  const saved = file('saved.json');
  const storeBody = `if [ "$1" = store ]; then /bin/cat > '${saved}'; exit 0; fi`;
  fakes.write('honest', `${storeBody}\nif [ "$1" = get ]; then /bin/cat '${saved}'; fi`);
  assert.deepEqual(await storeAndVerify('honest', creds, opts), { ok: true });

  fakes.write('liar', `${storeBody}\nif [ "$1" = get ]; then echo '{"ServerURL":"https://r.example","Username":"alice","Secret":"something else"}'; fi`);
  const liar = await storeAndVerify('liar', creds, opts);
  assert.equal(liar.ok, false);
  assert.equal(!liar.ok && liar.step, 'compare');
  assert.match(!liar.ok ? liar.message : '', /different secret/);
  assertNoSecret(liar);

  fakes.write('otheruser', `${storeBody}\nif [ "$1" = get ]; then /bin/sed 's/alice/bob/' '${saved}'; fi`);
  const other = await storeAndVerify('otheruser', creds, opts);
  assert.equal(!other.ok && other.step, 'compare');
  assert.match(!other.ok ? other.message : '', /different username/);

  fakes.write('forgetful', `${storeBody}\nif [ "$1" = get ]; then echo "credentials not found in native keychain"; exit 1; fi`);
  const forgot = await storeAndVerify('forgetful', creds, opts);
  assert.equal(!forgot.ok && forgot.step, 'get');
  assert.equal(!forgot.ok && forgot.error?.kind, 'not-found');

  // A get error that prints the secret it was never given on stdin: scrubbed all the same.
  fakes.write('blabber', `${storeBody}\nif [ "$1" = get ]; then echo "lookup failed; stored secret was $(/bin/sed 's/.*"Secret":"//; s/"}$//' '${saved}')"; exit 1; fi`);
  const blab = await storeAndVerify('blabber', { ...creds, secret: 's3cr3t-plain' }, opts);
  assert.equal(!blab.ok && blab.step, 'get');
  assert.equal(!blab.ok && blab.error?.kind, 'failed');
  assertNoSecret(blab);

  fakes.write('readonly', 'echo "not implemented"; exit 1');
  const ro = await storeAndVerify('readonly', creds, opts);
  assert.equal(!ro.ok && ro.step, 'store');
  assert.equal(!ro.ok && ro.message, 'storing failed: docker-credential-readonly store exited with code 1: the helper does not implement "store"');
});

test('version and list parse their answers; a helper that ignores stdin is fine', async () => {
  fakes.write('v', 'echo "fake-helper 1.2.3"');
  assert.deepEqual(await helperVersion('v', opts), { ok: true, value: 'fake-helper 1.2.3' });
  fakes.write('l', `echo '{"https://r.example":"alice","r2.example":"<token>"}'`);
  assert.deepEqual(await helperList('l', opts), { ok: true, value: { 'https://r.example': 'alice', 'r2.example': '<token>' } });
  fakes.write('quick', 'exit 0');
  const big = { ...creds, secret: 'x'.repeat(200_000) };
  assert.deepEqual(await helperStore('quick', big, opts), { ok: true, value: undefined });
});
