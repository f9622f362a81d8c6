// Deep nesting in a manifest: inside the pull secret's JSON and in the YAML around it. The manifest
// path never throws: a config nested past Go's limit (10000) is reported as one the API server rejects;
// a YAML document too deep to parse here is reported as not checked, and the other documents still are.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeManifest, jsonDepth, manifestHoverAt } from '../../src/core/k8s';
import { main } from '../../src/cli';
import { Finding, messageOf } from '../../src/core';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);
const HEAD = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: deep\ntype: kubernetes.io/dockerconfigjson\n';
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

function check(text: string): Finding[] {
  const m = analyzeManifest(text);
  for (const f of m.findings) assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, 'range inside the text');
  for (let i = 0; i < text.length; i += Math.max(1, Math.floor(text.length / 20))) manifestHoverAt(m, i);
  return m.findings;
}

describe('nesting inside the pull secret', () => {
  test('a 16 KB .dockerconfigjson of "[" (data and stringData): rejected by the API server, no crash', () => {
    for (const text of [`${HEAD}data:\n  .dockerconfigjson: ${b64('['.repeat(12_000))}\n`, `${HEAD}stringData:\n  .dockerconfigjson: '${'['.repeat(16_000)}'\n`]) {
      const f = check(text);
      assert.deepEqual(f.map((x) => x.rule), ['invalid-pull-secret']);
      assert.match(messageOf(f[0]), /deeper than 10000 levels/);
    }
  });
  test('closed arrays at every depth up to Go\'s limit: never a throw; past it, the rejection', () => {
    for (const depth of [100, 1000, 3000, 5000, 9000, 9999]) {
      const config = `{"auths":{"r.io":{}},"x":${nested(depth)}}`;
      const f = check(`${HEAD}data:\n  .dockerconfigjson: ${b64(config)}\n`);
      assert.ok(f.length > 0, `depth ${depth}: the empty entry or a "not analysed" warning`);
      assert.ok(!f.some((x) => /deeper than 10000/.test(messageOf(x))), `depth ${depth} is within Go's limit`);
    }
    const f = check(`${HEAD}data:\n  .dockerconfigjson: ${b64(`{"x":${nested(10_000)}}`)}\n`);
    assert.match(messageOf(f[0]), /deeper than 10000 levels/);
  });
  test('the depth count skips strings and escapes', () => {
    assert.equal(jsonDepth('{"a":"[[[{\\"[[","b":[[1]]}'), 3);
    assert.equal(jsonDepth(nested(20_000)), 20_000);
  });
  test('check on the file: findings, not "internal error"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-deep-'));
    try {
      const file = path.join(dir, 'pull-secret.yaml');
      fs.writeFileSync(file, `${HEAD}stringData:\n  .dockerconfigjson: '${'['.repeat(16_000)}'\n`);
      let out = '';
      let err = '';
      const code = await main(['check', file], { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { HOME: dir, PATH: '' } });
      assert.doesNotMatch(err, /internal error|call stack/i);
      assert.match(out, /invalid-pull-secret/);
      assert.notEqual(code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nesting in the YAML', () => {
  const secret = `---\n${HEAD}stringData:\n  .dockerconfigjson: '{"auths":{"empty.io":{}}}'\n`;
  const shapes: Record<string, string> = {
    'flow sequences': `x: ${nested(16_000)}\n`,
    'flow maps': `x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`,
    'unclosed flow': `x: ${'['.repeat(16_000)}\n`,
    'indented maps': Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
    'compact sequences': `x:\n${'- '.repeat(5000)}1\n`,
    'sequences in maps': Array.from({ length: 700 }, (_, i) => `${' '.repeat(2 * i)}${i % 2 ? '- ' : 'k: '}`).join('\n') + '1\n',
  };
  for (const [name, body] of Object.entries(shapes)) {
    test(`${name}: the deep document is reported as not checked; the next one is checked`, () => {
      const text = `${HEAD}${body}${secret}`;
      const f = check(text);
      assert.deepEqual(f.map((x) => x.rule), ['invalid-pull-secret', 'empty-auth']);
      assert.equal(f[0].severity, 'warning');
      assert.match(messageOf(f[0]), /nests too deeply/);
      assert.ok(f[0].offset < text.indexOf('---'), 'the warning sits in the deep document');
      assert.equal(at(text, f[1]), '"empty.io"');
    });
  }
  test('a deep document with no pull secret type says nothing', () => {
    assert.deepEqual(check(`x: ${nested(16_000)}\n${secret}`).map((x) => x.rule), ['empty-auth']);
  });
  test('a List of 200,000 items is walked without putting them all on the call stack', { timeout: 60_000 }, () => {
    const text = `kind: List\nitems: [${'{}, '.repeat(200_000)}{kind: Secret, type: kubernetes.io/dockerconfigjson}]\n`;
    assert.deepEqual(check(text).map((x) => x.rule), ['invalid-pull-secret']);
  });
  test('nesting a real manifest uses (a few dozen levels) is read as usual', () => {
    const body = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ` [${nested(40)}]\n`;
    assert.deepEqual(check(`${HEAD}${body}stringData:\n  .dockerconfigjson: '{"auths":{"empty.io":{}}}'\n`).map((x) => x.rule), ['empty-auth']);
  });
});
