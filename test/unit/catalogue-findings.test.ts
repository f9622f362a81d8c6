// Issue 10: a finding is plain data (message id and data, no getters), so it survives `{...f}` and
// JSON.stringify; the rule table derives from the catalogue; the untrusted-workspace notice has its own code.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, analyzeManifest, Finding, liveFindingsFrom, liveOffFindings, messageOf, RULES, tagsOf } from '../../src/core';
import { answerKey } from '../../src/core/rules/live';
import { b64 } from './util';

const AUTH = b64('alice:s3cret');
const CONFIG = JSON.stringify({
  auths: { 'ghcr.io': {}, 'quay.io': { auth: AUTH }, 'https://docker.io': {}, '*.example.com': {}, 'a.io': { auth: '!!', Pasword: 'x' } },
  credsStore: 'pass',
  credHelpers: { 'https://gcr.io': 'gcloud', 'b.io': 'docker-credential-x' },
  psFormat: 1,
  credStore: 'x',
});
const MANIFEST = `kind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{"auths":{"r.example":{"password":"p"}},"credsStore":"pass"}'\n`;

function every(): Finding[] {
  const analysis = analyze(CONFIG, { fileMode: 0o644, helperOnPath: () => false });
  const answers = new Map([[answerKey('pass', 'ghcr.io'), { state: 'not-found' as const }]]);
  return [...analysis.findings, ...liveFindingsFrom(analysis, answers), ...liveOffFindings(analysis), ...analyzeManifest(MANIFEST).findings];
}

describe('findings are plain data', () => {
  test('a copy, a spread and a JSON round trip keep every field, and the message', () => {
    const found = every();
    assert.ok(new Set(found.map((f) => f.rule)).size >= 10, 'many rules');
    for (const f of found) {
      const text = messageOf(f);
      assert.ok(text.length > 20 && !text.includes('{0}'), text);
      assert.deepEqual(Object.keys(f).sort(), ['data', 'length', 'messageId', 'offset', 'path', 'rule', 'severity']);
      const spread = { ...f };
      const round = JSON.parse(JSON.stringify(f)) as Finding;
      assert.deepEqual(spread, f);
      assert.deepEqual(round, f);
      assert.equal(messageOf(spread), text);
      assert.equal(messageOf(round), text);
      assert.equal(Object.getPrototypeOf(f), Object.prototype, 'no class behind it');
      for (const v of Object.values(f.data)) assert.ok(typeof v === 'string' || typeof v === 'number');
    }
  });

  test('the data holds no secret', () => {
    for (const f of every()) assert.ok(!JSON.stringify(f).includes(AUTH) && !JSON.stringify(f).includes('s3cret'), JSON.stringify(f));
  });
});

describe('the catalogue', () => {
  test('RULES: ids in documentation order, each with a title and a default severity; tags from the rule', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.ok(r.title.length > 5, r.id);
      assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
    }
    assert.deepEqual(RULES.filter((r) => r.tags?.includes('unnecessary')).map((r) => r.id), ['unknown-key']);
    assert.deepEqual(tagsOf('unknown-key'), ['unnecessary']);
    assert.equal(RULES.find((r) => r.id === 'empty-auth')!.severity, 'error');
  });

  test('severity comes from the message: empty-auth is an error, a placeholder a warning, an unread one information', () => {
    const severities = (text: string, profile?: 'containers') => analyze(text, { profile }).findings.filter((f) => f.rule === 'empty-auth').map((f) => `${f.messageId}/${f.severity}`);
    assert.deepEqual(severities('{"auths":{"a.io":{}}}'), ['noCredentials/error']);
    assert.deepEqual(severities('{"auths":{"a.io":{}},"credsStore":"pass"}'), ['placeholderStore/warning']);
    assert.deepEqual(severities('{"auths":{"a.io":{}},"credHelpers":{"a.io":"pass"}}', 'containers'), ['placeholderUnread/info']);
  });
});

describe('the untrusted-workspace notice', () => {
  const text = JSON.stringify({ credsStore: 'pass', auths: { 'ghcr.io': {} } });
  test('has its own code, is not a rule, and helper-missing-credential is never information', () => {
    const [notice] = liveOffFindings(analyze(text));
    assert.equal(notice.rule, 'live-checks-off');
    assert.equal(notice.severity, 'info');
    assert.match(messageOf(notice), /not trusted/);
    assert.ok(!RULES.some((r) => (r.id as string) === 'live-checks-off'));
    const missing = liveFindingsFrom(analyze(text), new Map([[answerKey('pass', 'ghcr.io'), { state: 'not-found' as const }]]));
    assert.deepEqual(missing.map((f) => `${f.rule}/${f.severity}`), ['helper-missing-credential/error']);
  });
});
