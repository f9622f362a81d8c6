import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { helperGet } from '../../../src/core/helpers/client';
import { validateHelperName } from '../../../src/core/docker/helperNames';

test('valid helper names', () => {
  for (const n of ['pass', 'secretservice', 'osxkeychain', 'ecr-login', 'desktop.exe', 'acr_env', 'gcloud', 'v1.2-x']) {
    assert.equal(validateHelperName(n), null, n);
  }
});

test('invalid helper names give a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['docker-credential-pass', /prefix/],
    ['x/../../tmp/evil', /path separator/],
    ['..\\evil', /path separator/],
    ['pa ss', /whitespace/],
    ['pass\n', /whitespace/],
    ['pass\t', /whitespace/],
    ['pa\0ss', /NUL/],
    ['pass;rm', /";"/],
    ['$(id)', /"\$"/],
    ['pässword', /"ä"/],
    ['..', /not a name/],
    ['x'.repeat(200), /longer/],
  ];
  for (const [name, reason] of cases) {
    const r = validateHelperName(name);
    assert.ok(r !== null, JSON.stringify(name));
    assert.match(r, reason, JSON.stringify(name));
  }
});

test('the client refuses to run an invalid name', async () => {
  const r = await helperGet('x/../../tmp/evil', 'https://r.example');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.kind, 'invalid-name');
  const p = await helperGet('docker-credential-pass', 'https://r.example');
  assert.equal(!p.ok && p.error.kind, 'invalid-name');
});
