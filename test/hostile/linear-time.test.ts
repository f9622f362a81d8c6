// Crafted inputs that made a step quadratic: a long key of dots (a backtracking regex), 300,000 "{{"
// (template scanning), thousands of keys or aliases in one YAML mapping (the parser's duplicate-key
// check), a stringData block with thousands of findings (line lookups). Each is timed at n and 4n, best of
// five, measured in turns so that a burst of load on the machine hits both sizes: a linear step takes about 4
// times as long, a quadratic one 16 times; the test allows 12 (plus 100 ms of noise). Speed itself is measured
// by `npm run bench`, not here.
import test, { describe } from 'node:test';
import { assertLinear } from './linear';
import { analyze } from '../../src/core';
import { analyzeManifest, blankTemplates } from '../../src/core/k8s';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const HEAD = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\n';

describe('linear in the input', { timeout: 120_000 }, () => {
  test('a top-level key "a.a.a…a " (the registry-key test was a backtracking regex)', () => {
    assertLinear((n) => JSON.stringify({ ['a.'.repeat(n) + ' ']: 1, auths: {} }), (t) => analyze(t), 25_000);
  });
  test('the same key inside a pull secret', () => {
    assertLinear((n) => `${HEAD}data:\n  .dockerconfigjson: ${b64(JSON.stringify({ ['a.'.repeat(n) + ' ']: 1 }))}\n`, (t) => analyzeManifest(t), 25_000);
  });
  test('"{{" repeated, never closed', () => {
    assertLinear((n) => `${HEAD}x: ${'{{'.repeat(n)}\n`, (t) => analyzeManifest(t), 20_000);
  });
  test('"{{}}" repeated on one line, and one per line', () => {
    assertLinear((n) => `${HEAD}x: "${'{{}}'.repeat(n)}"\n`, (t) => blankTemplates(t), 5_000);
    assertLinear((n) => `${HEAD}${'{{ x }}\n'.repeat(n)}`, (t) => analyzeManifest(t), 5_000);
  });
  test('thousands of keys in one mapping, thousands of aliases of one anchor', () => {
    assertLinear((n) => HEAD + Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n') + '\n', (t) => analyzeManifest(t), 4_000);
    assertLinear((n) => 'v: &v x\n' + Array.from({ length: n }, (_, i) => `k${i}: *v`).join('\n') + '\n' + HEAD, (t) => analyzeManifest(t), 4_000);
  });
  test('a chain of merge keys, each map merging the one before', () => {
    const chain = (n: number) =>
      'm0: &m0 {a: 1}\n' + Array.from({ length: n }, (_, i) => `m${i + 1}: &m${i + 1} {<<: *m${i}, k${i}: v}`).join('\n') + `\nkind: Secret\n<<: *m${n}\ntype: kubernetes.io/dockerconfigjson\n`;
    assertLinear(chain, (t) => analyzeManifest(t), 2_000);
  });
  test('a stringData block with a finding on every line', () => {
    const block = (n: number) =>
      `${HEAD}stringData:\n  .dockerconfigjson: |\n    {"auths": {\n${Array.from({ length: n }, (_, i) => `      "r${i}.io": {},`).join('\n')}\n      "z.io": {}}}\n`;
    assertLinear(block, (t) => analyzeManifest(t), 4_000);
  });
});
