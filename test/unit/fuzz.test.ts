import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyEdit, fixesFor, hoverAt, LineIndex, resolveImage, messageOf } from '../../src/core';
import { b64 } from './util';
import { Node, parseTree } from 'jsonc-parser';
import { MAX_DEPTH, readValues, SyntaxIssue } from '../../src/core/json/reader';

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
    assert.ok(!messageOf(f).includes(SECRET_MARK), 'no secret in a message');
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

/** The reader's light values made from jsonc-parser's tree (which recurses: fine at these depths), the reference on valid JSON. */
function reference(node: Node, depth = 0): unknown {
  const { type, offset, length } = node;
  if (type === 'object' || type === 'array') {
    if (depth > MAX_DEPTH) return { type, offset, length };
    const children = node.children ?? [];
    if (type === 'array') return { type, offset, length, items: children.map((c) => reference(c, depth + 1)) };
    const props = children.map((p) => {
      const [k, v] = p.children!;
      return { key: k.value, keyOffset: k.offset, keyLength: k.length, value: reference(v, depth + 1) };
    });
    return { type, offset, length, props };
  }
  return { type, offset, length, value: node.value };
}

describe('the one reader agrees with jsonc-parser on valid JSON and reports broken text', () => {
  const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'owner' ? undefined : x)));
  const same = (text: string) => {
    const issues: SyntaxIssue[] = [];
    const read = readValues(text, issues);
    assert.deepEqual(issues, [], `valid JSON reported broken: ${text}`);
    if (text.trim()) assert.deepEqual(strip(read), strip(reference(parseTree(text)!)));
  };
  test('arbitrary JSON, compact and indented', () =>
    fc.assert(fc.property(fc.json({ maxDepth: 5 }), fc.boolean(), (j, indent) => same(indent ? JSON.stringify(JSON.parse(j), null, '\t') : j)), { numRuns: 500 }));
  test('config-shaped JSON with escapes and unicode', () => fc.assert(fc.property(config, (c) => same(JSON.stringify(c, null, 2))), { numRuns: 300 }));
  test('broken text is reported', () => {
    for (const t of ['{"a":1,}', '{"a" 1}', '{"a":01}', "{'a':1}", '{"a":"\u0001"}', '[1,]', '{"a":1} x', '{"a":tru}', '{"a":"\\x"}']) {
      const issues: SyntaxIssue[] = [];
      readValues(t, issues);
      assert.ok(issues.length > 0, t);
    }
  });
});
