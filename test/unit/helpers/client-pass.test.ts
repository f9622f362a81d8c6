// The helper client against the REAL docker-credential-pass (Debian golang-docker-credential-helpers),
// with a throwaway passphrase-less GPG key. Fails (never skips) when the packages are missing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import {
  helperErase, helperGet, helperList, helperStore, helperVersion, storeAndVerify,
} from '../../../src/core/helpers/client';
import { findStorageHelpers, isHelperOnPath } from '../../../src/core/helpers/discovery';
import { createPassEnv, PassEnv } from '../../support/pass-env';

let pass: PassEnv;
let uninit: PassEnv;
before(() => {
  pass = createPassEnv();
  uninit = createPassEnv({ init: false });
});
after(() => {
  pass?.cleanup();
  uninit?.cleanup();
});

const SECRET = 'pa$$-w0rd:with "quotes" and ünïcode';
const noSecret = (v: unknown): void => assert.ok(!JSON.stringify(v).includes('w0rd'), `secret leaked: ${JSON.stringify(v)}`);

test('docker-credential-pass is installed and can store', () => {
  assert.ok(isHelperOnPath('pass', pass.env));
  assert.ok(findStorageHelpers(pass.env).some((h) => h.name === 'pass'));
});

test('version', async () => {
  const v = await helperVersion('pass', { env: pass.env });
  assert.ok(v.ok, JSON.stringify(v));
  assert.match(v.value, /\d+\.\d+/);
});

test('store, get, list, erase round trip', async () => {
  const opts = { env: pass.env };
  const creds = { serverURL: 'https://registry.example:5000', username: 'alice', secret: SECRET };
  assert.deepEqual(await helperStore('pass', creds, opts), { ok: true, value: undefined });
  assert.deepEqual(await helperStore('pass', { serverURL: 'r2.example', username: '<token>', secret: 'tok' }, opts), { ok: true, value: undefined });

  const got = await helperGet('pass', creds.serverURL, opts);
  assert.deepEqual(got, { ok: true, value: creds });

  const list = await helperList('pass', opts);
  assert.deepEqual(list, { ok: true, value: { 'https://registry.example:5000': 'alice', 'r2.example': '<token>' } });

  assert.deepEqual(await helperErase('pass', creds.serverURL, opts), { ok: true, value: undefined });
  const after = await helperGet('pass', creds.serverURL, opts);
  assert.equal(!after.ok && after.error.kind, 'not-found');
  assert.deepEqual(await helperList('pass', opts), { ok: true, value: { 'r2.example': '<token>' } });
  noSecret(after);
});

test('storeAndVerify with the real helper', async () => {
  const creds = { serverURL: 'https://verify.example', username: 'bob', secret: SECRET };
  assert.deepEqual(await storeAndVerify('pass', creds, { env: pass.env }), { ok: true });
  // Overwrite with a new secret: verified again.
  assert.deepEqual(await storeAndVerify('pass', { ...creds, secret: 'second' }, { env: pass.env }), { ok: true });
});

test('a missing entry is not-found (Debian 0.6.4 answers exit 0 with empty fields)', async () => {
  const r = await helperGet('pass', 'https://never-stored.example', { env: pass.env });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.kind, 'not-found');
});

test('erasing a missing entry fails with a fixed reason (pass prints the base64 of the URL: not shown)', async () => {
  const r = await helperErase('pass', 'https://never-stored.example', { env: pass.env });
  assert.equal(!r.ok && r.error.kind, 'failed');
  assert.equal(!r.ok && r.error.message, 'docker-credential-pass erase exited with code 1: the password store has no entry for this server');
});

test('uninitialised pass: store fails with the fixed reason, get is not-found, nothing leaks', async () => {
  const opts = { env: uninit.env };
  const creds = { serverURL: 'https://r.example', username: 'carol', secret: SECRET };
  const s = await helperStore('pass', creds, opts);
  assert.equal(s.ok, false);
  assert.equal(!s.ok && s.error.kind, 'failed');
  assert.match(!s.ok ? s.error.message : '', /pass init/);
  noSecret(s);

  const v = await storeAndVerify('pass', creds, opts);
  assert.equal(!v.ok && v.step, 'store');
  assert.match(!v.ok ? v.message : '', /pass init/);
  noSecret(v);

  const g = await helperGet('pass', 'https://other.example', opts);
  assert.equal(!g.ok && g.error.kind, 'not-found');

  // Quirk of 0.6.4: when the store directory exists but `pass init` never ran, a failed store
  // leaves an empty directory for that URL behind, and get then fails ("no usernames for <url>",
  // never shown) instead of answering not-found.
  fs.mkdirSync(uninit.storeDir);
  const s2 = await helperStore('pass', creds, opts);
  assert.equal(!s2.ok && s2.error.kind, 'failed');
  assert.match(!s2.ok ? s2.error.message : '', /pass init/);
  noSecret(s2);
  const again = await helperGet('pass', creds.serverURL, opts);
  assert.equal(!again.ok && again.error.kind, 'failed');
  assert.equal(!again.ok && again.error.message, 'docker-credential-pass get exited with code 1: the password store holds an entry for this server without a username');
});
