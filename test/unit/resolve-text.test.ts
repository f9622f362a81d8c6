// resolutionText: the one wording of "which credentials" for the command line's lines (test/golden has their bytes)
// and the editor's paragraph. Everything from the file or a helper is escaped in both.
import { test, describe, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resolution, resolutionText, resolveImage, setBundle } from '../../src/core';
import { b64 } from './util';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/;
const base: Resolution = { registry: 'ghcr.io', key: 'ghcr.io', source: 'credsStore', helper: 'pass', entry: null, username: null };
const text = (r: Resolution, image = 'ghcr.io/team/app:1', file = '/home/u/.docker/config.json') => resolutionText(r, { image, file });

describe('resolutionText', () => {
  after(() => setBundle(undefined));

  test('a helper that answered: the lines and the paragraph name the helper, its executable and the username', () => {
    const { lines, paragraph } = text({ ...base, username: 'alice', helperAnswer: 'found' });
    assert.deepEqual(lines, ['registry: ghcr.io', 'key:      ghcr.io', 'source:   credsStore helper "pass" (docker-credential-pass)', 'username: alice']);
    assert.equal(paragraph, 'ghcr.io/team/app:1: registry ghcr.io, key "ghcr.io", source: credsStore helper "pass" (docker-credential-pass), username "alice".');
  });

  test('the plaintext entry, and the file it is in', () => {
    const config = JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('bob:pw') } } });
    const { lines, paragraph } = text(resolveImage(config, 'alpine'), 'alpine', '/tmp/c.json');
    assert.equal(lines[2], 'source:   auths entry "https://index.docker.io/v1/" in /tmp/c.json');
    assert.match(paragraph, /^alpine: registry docker\.io, key "https:\/\/index\.docker\.io\/v1\/", source: auths entry "https:\/\/index\.docker\.io\/v1\/" in \/tmp\/c\.json, username "bob"\.$/);
  });

  test('what the helper said and several matching keys: helper and note lines, and sentences of the paragraph', () => {
    const notFound = text({ ...base, helperAnswer: 'not-found' });
    assert.match(notFound.lines[3], /^helper: {3}no credentials for ghcr\.io: docker sends empty credentials \(no fallback to auths\)/);
    assert.match(notFound.paragraph, /\. Helper: no credentials for ghcr\.io: docker sends empty credentials .*"no basic auth credentials"\.$/);
    const failed = text({ ...base, source: 'auths', entry: 'ghcr.io', username: 'u', helperAnswer: 'failed', helperError: 'exit 1' });
    assert.deepEqual(failed.lines.slice(2), [
      'source:   auths entry "ghcr.io" in /home/u/.docker/config.json (docker-credential-pass failed: docker pull and push fall back to this; docker create fails)',
      'username: u',
      'helper:   exit 1',
    ]);
    assert.match(failed.paragraph, /docker create fails\), username "u"\. Helper: exit 1\.$/);
    const many = text({ ...base, source: 'auths', helper: null, entry: 'https://a.io/v1/', candidates: ['https://a.io/v1/', 'http://a.io'] });
    assert.equal(many.lines.at(-1), 'note:     2 keys match and none exactly; docker picks one at random: https://a.io/v1/, http://a.io');
    assert.match(many.paragraph, / Note: 2 keys match and none exactly; docker picks one at random: https:\/\/a\.io\/v1\/, http:\/\/a\.io\.$/);
  });

  test('nothing to send: anonymous, or an empty entry', () => {
    assert.equal(text({ ...base, source: 'none', helper: null }).lines[2], 'source:   nothing: docker pulls anonymously');
    assert.match(text({ ...base, source: 'none', helper: null, entry: 'ghcr.io' }).paragraph, /source: nothing: auths entry "ghcr\.io" holds no credentials\.$/);
  });

  test('text from the file, a helper or the user is escaped: no control codes, line breaks or bidi overrides', () => {
    const evil = '\u001b[2J\n\u202e\u0007';
    const all = [
      text({ ...base, registry: `r${evil}`, key: `k${evil}`, helper: `h${evil}`, username: `u${evil}`, helperAnswer: 'not-found' }, `i${evil}`, `f${evil}`),
      text({ ...base, source: 'auths', entry: `e${evil}`, helperAnswer: 'failed', helperError: `x${evil}`, candidates: [`c${evil}`, 'd'] }, 'i', `f${evil}`),
      text({ ...base, source: 'none', helper: null, entry: `e${evil}` }),
    ];
    for (const { lines, paragraph } of all) {
      for (const s of [...lines, paragraph]) assert.doesNotMatch(s, UNSAFE, JSON.stringify(s));
      const shown = '\\x1b[2J\\n\\u202e\\x07';
      assert.ok(paragraph.includes(shown) && lines.some((l) => l.includes(shown)), paragraph);
    }
  });

  test('Simplified Chinese: the same facts in the bundle\'s words', () => {
    setBundle(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')));
    const { lines, paragraph } = text({ ...base, username: 'alice', helperAnswer: 'not-found' });
    assert.deepEqual(lines.slice(0, 3), ['镜像仓库：ghcr.io', '键：      ghcr.io', '来源：    credsStore 凭据助手 "pass"（docker-credential-pass）']);
    assert.equal(lines[4], '凭据助手：没有 ghcr.io 的凭据：docker 发送空凭据（不会回退到 auths）；镜像仓库返回 "no basic auth credentials"');
    assert.match(paragraph, /^ghcr\.io\/team\/app:1：镜像仓库 ghcr\.io，键 "ghcr\.io"，来源：credsStore 凭据助手 "pass"（docker-credential-pass），用户名 "alice"。 凭据助手：没有/);
    setBundle(undefined);
  });
});
