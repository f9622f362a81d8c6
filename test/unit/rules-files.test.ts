// helper-not-found and file-permissions: file checks the adapters feed into analyze() as options.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, RULES, messageOf } from '../../src/core';
import { b64, expectFindings } from './util';

const onPath = (...names: string[]) => (name: string) => names.includes(name);
const AUTH = b64('alice:s3cret');

describe('helper-not-found', () => {
  test('credsStore and credHelpers values not on PATH: an error on each value, saying what docker then does', () => {
    const text = JSON.stringify({ credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud', 'ghcr.io': 'pass', 'quay.io': 'desktop' } });
    const got = expectFindings(
      text,
      [
        { rule: 'helper-not-found', severity: 'error', at: '"desktop"', path: ['credsStore'], says: 'plaintext "auths" entries' },
        { rule: 'helper-not-found', severity: 'error', at: '"gcloud"', path: ['credHelpers', 'gcr.io'], says: 'executable file not found in $PATH' },
        { rule: 'helper-not-found', severity: 'error', at: '"desktop"', path: ['credHelpers', 'quay.io'] },
      ],
      { helperOnPath: onPath('pass') },
    );
    assert.match(messageOf(got[0]), /docker-credential-desktop/);
  });
  test('asks once per name', () => {
    const asked: string[] = [];
    analyze(JSON.stringify({ credsStore: 'x', credHelpers: { 'a.io': 'x', 'b.io': 'x', 'c.io': 'y' } }), {
      helperOnPath: (n) => (asked.push(n), false),
    });
    assert.deepEqual(asked, ['x', 'y']);
  });
  test('not checked without the option, for empty values, or for names helper-name already flags', () => {
    expectFindings('{"credsStore":"desktop"}', []);
    expectFindings('{"credsStore":"","credHelpers":{"a.io":"",  "b.io":null}}', [], { helperOnPath: () => false });
    expectFindings(
      '{"credsStore":"docker-credential-pass","credHelpers":{"a.io":"../x"}}',
      [
        { rule: 'helper-name', at: '"docker-credential-pass"' },
        { rule: 'helper-name', at: '"../x"' },
      ],
      { helperOnPath: () => false },
    );
  });
});

describe('file-permissions', () => {
  const secrets = JSON.stringify({ auths: { 'a.io': { auth: AUTH }, 'b.io': { password: 'pw', username: 'u' } } });
  test('readable by group or others with plaintext secrets: one warning on the first secret', () => {
    for (const [mode, who] of [
      [0o644, 'group and others'],
      [0o640, 'its group'],
      [0o604, 'others'],
      [0o755, 'group and others'],
    ] as const) {
      const [f] = expectFindings(
        secrets,
        [
          { rule: 'plaintext-credential', at: `"${AUTH}"` },
          { rule: 'plaintext-credential', at: '"pw"' },
          { rule: 'file-permissions', severity: 'warning', at: `"${AUTH}"`, path: ['auths', 'a.io', 'auth'] },
        ],
        { fileMode: mode },
      ).filter((x) => x.rule === 'file-permissions');
      assert.ok(messageOf(f).includes(who) && messageOf(f).includes('0' + mode.toString(8)) && messageOf(f).includes('2 plaintext'), messageOf(f));
      assert.equal(f.data?.mode, mode);
      assert.ok(!messageOf(f).includes(AUTH) && !messageOf(f).includes('s3cret'));
    }
  });
  test('shadowed secrets count too: the file still hands them to anyone who reads it', () => {
    expectFindings(
      JSON.stringify({ credsStore: 'pass', auths: { 'a.io': { auth: AUTH } } }),
      [
        { rule: 'shadowed-credential', at: `"${AUTH}"` },
        { rule: 'file-permissions', at: `"${AUTH}"` },
      ],
      { fileMode: 0o644 },
    );
  });
  test('nothing for 0600/0400/0700, for files without secrets, or without the option', () => {
    for (const mode of [0o600, 0o400, 0o700, 0o622]) {
      assert.ok(!analyze(secrets, { fileMode: mode }).findings.some((f) => f.rule === 'file-permissions'), mode.toString(8));
    }
    assert.deepEqual(analyze('{"credsStore":"pass","auths":{"a.io":{}}}', { fileMode: 0o666 }).findings.filter((f) => f.rule === 'file-permissions'), []);
    assert.ok(!analyze(secrets).findings.some((f) => f.rule === 'file-permissions'));
  });
});

test('the new rules are listed; the live ones are marked', () => {
  const ids = RULES.map((r) => r.id);
  for (const id of ['helper-not-found', 'file-permissions', 'helper-missing-credential', 'helper-failed']) assert.ok(ids.includes(id as never), id);
  assert.deepEqual(RULES.filter((r) => r.live).map((r) => r.id), ['helper-missing-credential', 'helper-failed']);
});
