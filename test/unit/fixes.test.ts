import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdit, Finding, fixesFor, FixKind, removeEmptyEntries } from '../../src/core';
import { assertStrictJson, b64 } from './util';

const AUTH = b64('user:pass');

/** Applies the one fix of `kind` offered for the first finding of `rule`, and returns the text. */
function fix(text: string, rule: string, kind: FixKind, at?: string): string {
  const analysis = analyze(text);
  const finding = analysis.findings.find((f) => f.rule === rule && (at === undefined || text.slice(f.offset, f.offset + f.length) === at));
  assert.ok(finding, `no ${rule} finding${at ? ` at ${at}` : ''}`);
  const fixes = fixesFor(text, finding, analysis).filter((f) => f.kind === kind);
  assert.equal(fixes.length, 1, `expected one ${kind} fix, got ${fixes.map((f) => f.kind).join(', ') || 'none'}`);
  return applyEdit(text, fixes[0].edit);
}

function offered(text: string, rule: string): string[] {
  const analysis = analyze(text);
  return analysis.findings.filter((f: Finding) => f.rule === rule).flatMap((f) => fixesFor(text, f, analysis).map((x) => x.kind));
}

function count(text: string, rule: string): number {
  return analyze(text).findings.filter((f) => f.rule === rule).length;
}

describe('remove empty entry', () => {
  const cases: Array<[string, string, string, string?]> = [
    [
      'first of several, tabs',
      '{\n\t"auths": {\n\t\t"a.io": {},\n\t\t"b.io": {\n\t\t\t"auth": "' + AUTH + '"\n\t\t}\n\t},\n\t"credsStore": "pass"\n}\n',
      '{\n\t"auths": {\n\t\t"b.io": {\n\t\t\t"auth": "' + AUTH + '"\n\t\t}\n\t},\n\t"credsStore": "pass"\n}\n',
      '"a.io"',
    ],
    [
      'last of several, compact neighbour kept as written',
      '{\n  "auths": {\n    "b.io": {"auth": "' + AUTH + '"},\n    "a.io": {}\n  },\n  "credsStore": "pass"\n}',
      '{\n  "auths": {\n    "b.io": {"auth": "' + AUTH + '"}\n  },\n  "credsStore": "pass"\n}',
    ],
    [
      'the only entry becomes {}',
      '{\r\n  "auths": {\r\n    "https://index.docker.io/v1/": {}\r\n  },\r\n  "credsStore": "desktop"\r\n}\r\n',
      '{\r\n  "auths": {},\r\n  "credsStore": "desktop"\r\n}\r\n',
    ],
  ];
  for (const [name, before, after, at] of cases) {
    test(name, () => {
      const result = fix(before, 'empty-auth', 'remove-empty-entry', at);
      assert.equal(result, after);
      assertStrictJson(result);
    });
  }
  test('remove all: every empty entry goes, nothing else changes', () => {
    const before = '{\n\t"auths": {\n\t\t"a.io": {},\n\t\t"b.io": {"auth": "' + AUTH + '"},\n\t\t"c.io": {},\n\t\t"d.io": {"email": "x@y"}\n\t},\n\t"credsStore": "pass"\n}\n';
    const after = '{\n\t"auths": {\n\t\t"b.io": {"auth": "' + AUTH + '"}\n\t},\n\t"credsStore": "pass"\n}\n';
    assert.equal(fix(before, 'empty-auth', 'remove-all-empty-entries'), after);
    assert.equal(count(after, 'empty-auth'), 0);
    assert.deepEqual(removeEmptyEntries(before), { text: after, removed: 3 });
  });
  test('not offered for a key written twice', () => {
    assert.deepEqual(offered('{"auths":{"a.io":{},"a.io":{}}}', 'empty-auth'), []);
  });
});

describe('other fixes', () => {
  test('strip docker-credential- prefix', () => {
    const before = '{\n  "credsStore": "docker-credential-pass"\n}';
    const after = fix(before, 'helper-name', 'strip-helper-prefix');
    assert.equal(after, '{\n  "credsStore": "pass"\n}');
    assert.equal(count(after, 'helper-name'), 0);
  });
  test('no prefix fix for a slash', () => assert.deepEqual(offered('{"credsStore":"a/b"}', 'helper-name'), []));
  test('rename a typo', () => {
    const after = fix('{ "credStore": "pass" }', 'unknown-key', 'rename-key');
    assert.equal(after, '{ "credsStore": "pass" }');
    assert.equal(count(after, 'unknown-key'), 0);
  });
  test('rename a case variant', () => assert.equal(fix('{"Auths":{}}', 'unknown-key', 'rename-key'), '{"auths":{}}'));
  test('rename an entry typo', () => assert.equal(fix('{"auths":{"a.io":{"user":"u"}}}', 'unknown-key', 'rename-key'), '{"auths":{"a.io":{"username":"u"}}}'));
  test('no rename when the key meant exists', () => assert.deepEqual(offered('{"credStore":"a","credsStore":"b"}', 'unknown-key'), []));
  test('helper key with scheme renamed to host', () => assert.equal(fix('{"credHelpers":{"https://gcr.io":"gcloud"}}', 'helper-key-form', 'rename-key'), '{"credHelpers":{"gcr.io":"gcloud"}}'));
});

describe('Docker Hub key', () => {
  test('rename when the real key is absent', () => {
    const before = `{\n  "auths": {\n    "docker.io": {\n      "auth": "${AUTH}"\n    }\n  }\n}`;
    const after = fix(before, 'docker-hub-key', 'docker-hub-key');
    assert.equal(after, before.replace('"docker.io"', '"https://index.docker.io/v1/"'));
    assert.equal(count(after, 'docker-hub-key'), 0);
  });
  test('merge: an empty real key gives way to the credentials', () => {
    const before = `{\n  "auths": {\n    "https://index.docker.io/v1/": {},\n    "docker.io": {"auth": "${AUTH}"}\n  }\n}`;
    const after = fix(before, 'docker-hub-key', 'docker-hub-key');
    assert.equal(after, `{\n  "auths": {\n    "https://index.docker.io/v1/": {"auth": "${AUTH}"}\n  }\n}`);
    assertStrictJson(after);
  });
  test('merge: an empty alias goes when the real key has credentials', () => {
    const before = `{"auths":{"https://index.docker.io/v1/":{"auth":"${AUTH}"},"index.docker.io":{}}}`;
    assert.equal(fix(before, 'docker-hub-key', 'docker-hub-key'), `{"auths":{"https://index.docker.io/v1/":{"auth":"${AUTH}"}}}`);
  });
  test('no automatic merge when both hold credentials', () => {
    assert.deepEqual(offered(`{"auths":{"https://index.docker.io/v1/":{"auth":"${AUTH}"},"docker.io":{"auth":"${AUTH}"}}}`, 'docker-hub-key'), []);
  });
  test('credHelpers: add the real key, keep docker.io for podman', () => {
    const before = '{\n  "credHelpers": {\n    "docker.io": "pass"\n  }\n}';
    const after = fix(before, 'docker-hub-key', 'add-hub-helper');
    assert.equal(after, '{\n  "credHelpers": {\n    "docker.io": "pass",\n    "https://index.docker.io/v1/": "pass"\n  }\n}');
    assert.equal(count(after, 'docker-hub-key'), 0);
  });
});
