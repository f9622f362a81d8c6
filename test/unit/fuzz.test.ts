import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyEdit, fixesFor, hoverAt, LineIndex, resolveImage } from '../../src/core';
import { b64 } from './util';
import { readStrictJson } from '../../src/core/fastjson';
import { readValues, SyntaxIssue } from '../../src/core/model';

const SECRET_MARK = 'ZzSeCrEt';

const registryKey = fc.oneof(
  fc.constantFrom('https://index.docker.io/v1/', 'docker.io', 'index.docker.io', 'ghcr.io', 'r.io:5000', 'https://r.io:5000/v1/', 'r.io:5000/v2/', '*.ecr.aws', 'localhost:5000'),
  fc.string({ maxLength: 12 }),
);
const secret = fc.string({ minLength: 1, maxLength: 10 }).map((s) => SECRET_MARK + s);
const entry = fc.record(
  {
    auth: fc.oneof(secret.map((p) => b64(`u:${p}`)), secret.map((p) => b64(p)), fc.constant(''), fc.constant('!!'), secret.map((p) => b64(`u:${p}`).slice(1))),
    username: fc.string({ maxLength: 6 }),
    password: secret,
    identitytoken: secret,
    Email: fc.string({ maxLength: 4 }),
    bogus: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const config = fc.record(
  {
    auths: fc.oneof(fc.dictionary(registryKey, fc.oneof(entry, fc.constant(null), fc.integer())), fc.string()),
    credsStore: fc.oneof(fc.constantFrom('pass', 'desktop', '', 'docker-credential-pass', 'a/b'), fc.integer()),
    credHelpers: fc.dictionary(registryKey, fc.oneof(fc.constantFrom('pass', '', 'ecr-login'), fc.boolean())),
    credStore: fc.string(),
    psFormat: fc.oneof(fc.string(), fc.integer()),
  },
  { requiredKeys: [] },
);

function checkInvariants(text: string): void {
  const { findings, model } = analyze(text);
  const lines = new LineIndex(text);
  for (const f of findings) {
    assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, 'range inside the text');
    assert.ok(!f.message.includes(SECRET_MARK), 'no secret in a message');
    lines.positionAt(f.offset);
    for (const fix of fixesFor(text, f)) {
      const after = applyEdit(text, fix.edit);
      analyze(after);
    }
  }
  for (let i = 0; i < text.length; i += Math.max(1, Math.floor(text.length / 20))) hoverAt(model, i, { maskPasswords: true });
}

describe('the core never throws', () => {
  test('arbitrary text', () => fc.assert(fc.property(fc.string({ maxLength: 200 }), checkInvariants), { numRuns: 500 }));
  test('arbitrary JSON', () => fc.assert(fc.property(fc.json({ maxDepth: 4 }), checkInvariants), { numRuns: 500 }));
  test('config-shaped JSON, indented, possibly cut or with a comment', () =>
    fc.assert(
      fc.property(config, fc.nat(), fc.boolean(), (c, cut, comment) => {
        let text = JSON.stringify(c, null, cut % 3 === 0 ? '\t' : 2);
        if (cut % 5 === 0) text = text.slice(0, cut % (text.length + 1));
        if (comment) text = text.replace('{', '{ // note\n');
        checkInvariants(text);
        resolveImage(text, 'r.io:5000/app');
      }),
      { numRuns: 400 },
    ));
  test('fixes leave valid JSON valid and remove their finding', () =>
    fc.assert(
      fc.property(config, (c) => {
        const text = JSON.stringify(c, null, 2);
        const analysis = analyze(text);
        for (const f of analysis.findings) {
          for (const fix of fixesFor(text, f, analysis)) {
            const after = applyEdit(text, fix.edit);
            assert.doesNotThrow(() => JSON.parse(after), `fix ${fix.kind} broke the JSON`);
            if (fix.kind === 'remove-all-empty-entries') assert.equal(analyze(after).findings.filter((x) => x.rule === 'empty-auth').length, 0);
          }
        }
      }),
      { numRuns: 300 },
    ));
});

describe('the strict fast reader agrees with the recovering reader', () => {
  const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'owner' ? undefined : x)));
  const same = (text: string) => {
    const fast = readStrictJson(text, 2);
    const issues: SyntaxIssue[] = [];
    const slow = readValues(text, issues);
    if (issues.length) assert.equal(fast, undefined, `fast reader accepted broken JSON: ${text}`);
    else if (text.trim()) assert.deepEqual(strip(fast), strip(slow));
  };
  test('arbitrary JSON, compact and indented', () =>
    fc.assert(fc.property(fc.json({ maxDepth: 5 }), fc.boolean(), (j, indent) => same(indent ? JSON.stringify(JSON.parse(j), null, '\t') : j)), { numRuns: 500 }));
  test('config-shaped JSON with escapes and unicode', () => fc.assert(fc.property(config, (c) => same(JSON.stringify(c, null, 2))), { numRuns: 300 }));
  test('broken text is left to the recovering reader', () => {
    for (const t of ['{"a":1,}', '{"a" 1}', '{"a":01}', "{'a':1}", '{"a":"\u0001"}', '[1,]', '{"a":1} x', '{"a":tru}', '{"a":"\\x"}']) {
      assert.equal(readStrictJson(t, 2), undefined, t);
    }
  });
});
