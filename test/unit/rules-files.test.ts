// helper-not-found and file-permissions: file checks the adapters feed into analyze() as options. Then the rule
// catalogue held against every file that lists the rules (package.json, docs/rules.md, README.md, the l10n bundle).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, RULES, messageOf, setBundle } from '../../src/core';
import { b64, expectFindings } from './util';

const onPath = (...names: string[]) => (name: string) => names.includes(name);
const AUTH = b64('alice:s3cret');
const ROOT = path.resolve(__dirname, '../../..');

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

describe('the rule catalogue (RULES) and the files that list the rules', () => {
  const ids = RULES.map((r) => r.id as string);
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
  /** A rule's title in the current language (a string, or a function of no arguments). */
  const titleOf = (r: { title: unknown }): string => (typeof r.title === 'function' ? String((r.title as () => unknown)()) : String(r.title));

  test('the new rules are listed; the live ones are marked', () => {
    for (const id of ['helper-not-found', 'file-permissions', 'helper-missing-credential', 'helper-failed']) assert.ok(ids.includes(id), id);
    assert.deepEqual(RULES.filter((r) => r.live).map((r) => r.id), ['helper-missing-credential', 'helper-failed']);
  });
  test('each id once, in the form a heading anchor and a settings key can hold', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
  test('package.json: the dockerConfigGuard.rules setting takes every rule, and only those, with the same severities', () => {
    const manifest = JSON.parse(read('package.json'));
    const props: Record<string, { type: string; enum: string[] }> = manifest.contributes.configuration.properties['dockerConfigGuard.rules'].properties;
    assert.deepEqual(Object.keys(props).sort(), [...ids].sort());
    for (const [id, p] of Object.entries(props)) assert.deepEqual([p.type, p.enum], ['string', ['off', 'info', 'warning', 'error']], id);
  });
  test('docs/rules.md: a "## <id>" section for each rule, in the same order', () => {
    const headings = [...read('docs/rules.md').matchAll(/^## ([a-z][a-z0-9-]*)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ids);
  });
  test('README.md: the rule table under "## Rules" has a row for each rule, in the same order, linking its section; "(live)" marks the live ones', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 1));
    const rows = [...section.matchAll(/^\| \[`([^`]+)`\]\(docs\/rules\.md#([^)]+)\) \| ([^|]+) \|/gm)];
    assert.deepEqual(rows.map((m) => m[1]), ids);
    for (const [, id, anchor, severity] of rows) {
      assert.equal(anchor, id);
      assert.equal(severity.includes('(live)'), !!RULES.find((r) => r.id === id)?.live, `${id}: ${severity}`);
    }
  });
  test('l10n: every rule title is in the Simplified Chinese bundle, and RULES shows it in the current language', () => {
    const zh: Record<string, string> = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
    try {
      setBundle(undefined);
      const english = RULES.map(titleOf);
      for (const title of english) assert.match(zh[title] ?? '', /[\u4e00-\u9fff]/, `no translation of the title "${title}"`);
      setBundle(zh);
      assert.deepEqual(RULES.map(titleOf), english.map((title) => zh[title]));
    } finally {
      setBundle(undefined);
    }
  });
});
