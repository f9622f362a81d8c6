// Hovers are Markdown (config files and pull secrets in YAML manifests). A crafted registry key, helper
// name or username must not turn into a link (command: links included), an image, HTML, or text reordered
// by bidi overrides: file text is either inline code (`code`, with printable escapes and a long enough
// fence) or escaped with markdownText.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, hoverAt, markdownText } from '../../src/core';
import { code } from '../../src/core/hover';
import { analyzeManifest, manifestHoverAt } from '../../src/core/k8s';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const CRAFTED = [
  '[click](command:workbench.action.terminal.new)',
  '![x](https://attacker.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:x">y</a>',
  'a`b``c```',
  '`',
  'evil\u202e\u2066gpj.exe\x1b[31m\x07\r\nnext line',
  '**bold** _i_ # h',
];

/**
 * The Markdown with every code span taken out and every backslash-escaped character replaced by "·", as
 * CommonMark reads them: a run of n backticks opens a span that the next run of exactly n closes; an
 * escaped character is literal text.
 */
function outsideCode(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] === '\\' && /[!-/:-@[-`{-~]/.test(md[i + 1] ?? '')) {
      out += '·';
      i += 2;
      continue;
    }
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < md.length) {
      const k = md.indexOf('`', j);
      if (k < 0) break;
      let m = 0;
      while (md[k + m] === '`') m++;
      if (m === n) {
        close = k;
        break;
      }
      j = k + m;
    }
    if (close < 0) {
      out += md.slice(i, i + n);
      i += n;
    } else i = close + n; // a code span: literal text, never Markdown
  }
  return out;
}

/** Nothing the file wrote can act as Markdown: no raw link, image, HTML or control character anywhere. */
function assertInert(md: string, crafted: string): void {
  assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `a raw control or bidi character in ${JSON.stringify(md)}`);
  const plain = outsideCode(md);
  assert.ok(!plain.includes('`'), `a stray backtick outside code spans: ${JSON.stringify(md)}`);
  for (const bad of ['](', '<img', '<a ', 'command:x">']) assert.ok(!plain.includes(bad), `${JSON.stringify(bad)} outside code in ${JSON.stringify(md)} (from ${JSON.stringify(crafted)})`);
}

describe('code() and markdownText()', () => {
  test('inline code survives backticks, line breaks and control characters', () => {
    for (const s of CRAFTED) {
      const c = code(s);
      assertInert(c, s);
      assert.equal(outsideCode(c), '', `one code span: ${JSON.stringify(c)}`);
    }
    assert.equal(code('a\nb'), '`a\\nb`');
  });
  test('markdownText leaves nothing that Markdown reads', () => {
    for (const s of CRAFTED) assertInert(markdownText(s), s);
  });
});

describe('config file hovers', () => {
  for (const crafted of CRAFTED) {
    test(`helper name and registry key ${JSON.stringify(crafted)}`, () => {
      const key = `r.io/${crafted}`;
      const config = JSON.stringify({ auths: { [key]: {}, 'plain.io': {} }, credHelpers: { [key]: crafted }, credsStore: crafted });
      const model = analyze(config).model;
      for (const written of [key, 'plain.io']) {
        const offset = config.indexOf(JSON.stringify(written)) + 1;
        const h = hoverAt(model, offset);
        assert.ok(h, `a hover on ${written}`);
        assertInert(h.markdown, crafted);
      }
      const user = JSON.stringify({ auths: { 'u.io': { auth: b64(`${crafted}:${crafted}`) } } });
      const h = hoverAt(analyze(user).model, user.indexOf('"auth"') + 10)!;
      assertInert(h.markdown, crafted);
    });
  }
  test('the helper name is shown, escaped, in the sentence', () => {
    const config = JSON.stringify({ auths: { 'r.io': {} }, credsStore: '[x](command:y)' });
    const h = hoverAt(analyze(config).model, config.indexOf('r.io'))!;
    assert.ok(h.markdown.includes('\\[x\\]\\(command:y\\)'), h.markdown);
  });
});

describe('pull secret hovers', () => {
  for (const crafted of CRAFTED) {
    test(`registry key and username ${JSON.stringify(crafted)} in a base64 .dockerconfigjson`, () => {
      const config = JSON.stringify({ auths: { [crafted]: { auth: b64(`${crafted}:pw`) }, 'bad.io': { auth: '!!!!' } } });
      const text = `kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(config)}\n`;
      const m = analyzeManifest(text);
      for (const maskPasswords of [false, true]) {
        const h = manifestHoverAt(m, text.indexOf('.dockerconfigjson: ') + 25, { maskPasswords })!;
        assert.ok(h, 'a hover on the value');
        assertInert(h.markdown, crafted);
      }
    });
  }
});
