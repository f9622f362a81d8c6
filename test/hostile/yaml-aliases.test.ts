// Pull secrets written with YAML aliases, anchors and merge keys. Kubernetes reads manifests with
// sigs.k8s.io/yaml, that is go-yaml v2: aliases resolve to the anchored node, `<<` merges maps (in a
// mapping later entries win; in a merged sequence earlier maps win). A secret hidden behind an alias is
// still a secret; an alias bomb costs no more than its text.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeManifest, manifestHoverAt } from '../../src/core/k8s';
import { Finding, messageOf } from '../../src/core';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);
const PASSWORD = 'alias-pass-NOT-REAL';
const CONFIG = b64(JSON.stringify({ auths: { 'r.io': { auth: b64(`robot:${PASSWORD}`) } } }));
const rules = (text: string): string[] => analyzeManifest(text).findings.map((f) => f.rule);

describe('aliases', () => {
  test('type: *t, anchored elsewhere, is read as the anchored type', () => {
    const text = `x: &t kubernetes.io/dockerconfigjson\nkind: Secret\ntype: *t\ndata:\n  .dockerconfigjson: ${CONFIG}\n`;
    const f = analyzeManifest(text).findings;
    assert.deepEqual(f.map((x) => x.rule), ['plaintext-credential']);
    assert.equal(at(text, f[0]), CONFIG);
  });
  test('.dockerconfigjson: *c is the anchored text, not "a value that is not a string"; findings sit on the anchored value', () => {
    const text = `shared: &c ${CONFIG}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: *c\n`;
    const m = analyzeManifest(text);
    assert.deepEqual(m.findings.map((x) => [x.rule, at(text, x)]), [['plaintext-credential', CONFIG]]);
    const h = manifestHoverAt(m, text.indexOf(CONFIG) + 3)!;
    assert.ok(h.markdown.includes(PASSWORD), 'the hover on the anchored text decodes it');
  });
  test('data: *d, a whole map behind an alias', () => {
    const text = `d: &d\n  .dockerconfigjson: ${CONFIG}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata: *d\n`;
    assert.deepEqual(rules(text), ['plaintext-credential']);
  });
  test('a stringData block behind an alias keeps exact ranges inside the JSON', () => {
    const text = 'c: &c |\n  {"auths": {"empty.io": {}}}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: *c\n';
    const f = analyzeManifest(text).findings;
    assert.deepEqual(f.map((x) => [x.rule, at(text, x)]), [['empty-auth', '"empty.io"']]);
  });
  test('a value aliased to a map: "must be a string", on the alias in the Secret', () => {
    const text = 'm: &m {auths: {}}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: *m\n';
    const f = analyzeManifest(text).findings;
    assert.deepEqual(f.map((x) => [x.rule, at(text, x)]), [['invalid-pull-secret', '*m']]);
    assert.match(messageOf(f[0]), /must be a string/);
  });
  test('the missing key is reported on the type as written (an alias)', () => {
    const text = 'x: &t kubernetes.io/dockerconfigjson\nkind: Secret\ntype: *t\ndata:\n  other: e30=\n';
    assert.deepEqual(analyzeManifest(text).findings.map((x) => [x.rule, at(text, x)]), [['invalid-pull-secret', '*t']]);
  });
  test('alias keys, a List whose items are aliases, and one value aliased by two Secrets reported once', () => {
    const keyed = `k: &k type\nkind: Secret\n*k : kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${CONFIG}\n`;
    assert.deepEqual(rules(keyed), ['plaintext-credential']);
    const list = `s: &s {kind: Secret, type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: ${CONFIG}}}\nkind: List\nitems: [*s, *s, *s]\n`;
    assert.deepEqual(rules(list), ['plaintext-credential']);
    const two = `c: &c ${CONFIG}\nkind: List\nitems:\n- {kind: Secret, metadata: {name: a}, type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: *c}}\n- {kind: Secret, metadata: {name: b}, type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: *c}}\n`;
    const m = analyzeManifest(two);
    assert.deepEqual(m.secrets.map((x) => x.name), ['a', 'b']);
    assert.deepEqual(m.findings.map((x) => [x.rule, at(two, x)]), [['plaintext-credential', CONFIG]]);
  });
  test('an alias before its anchor is broken YAML (go-yaml: "unknown anchor"): not ours to report', () => {
    assert.deepEqual(rules(`kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: *c\nc: &c ${CONFIG}\n`), []);
  });
  test('an alias inside the collection it names (go-yaml: "anchor value contains itself"): no hang, nothing reported', () => {
    const list = `l: &l {kind: List, items: [*l, {kind: Secret, type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: ${CONFIG}}}]}\nkind: List\nitems: [*l]\n`;
    assert.deepEqual(rules(list), []);
    assert.deepEqual(rules('m: &m {<<: *m, a: 1}\nkind: Secret\n<<: *m\ntype: kubernetes.io/dockerconfigjson\n'), []);
    assert.deepEqual(rules(`kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata: &d {.dockerconfigjson: ${CONFIG}, self: *d}\n`), []);
  });
  test('an anchor named again later: an alias takes the last one before it', () => {
    const text = `a: &t Opaque\nb: &t kubernetes.io/dockerconfigjson\nkind: Secret\ntype: *t\ndata:\n  .dockerconfigjson: ${CONFIG}\nc: &t Opaque\n`;
    assert.deepEqual(rules(text), ['plaintext-credential']);
  });
});

describe('merge keys, as go-yaml v2 applies them', () => {
  const data = `data:\n  .dockerconfigjson: ${CONFIG}\n`;
  test('<<: {type: ...} makes the Secret a pull secret', () => {
    assert.deepEqual(rules(`kind: Secret\n<<: {type: kubernetes.io/dockerconfigjson}\n${data}`), ['plaintext-credential']);
  });
  test('<<: *base brings type and data from an anchored map', () => {
    const text = `base: &base\n  type: kubernetes.io/dockerconfigjson\n  ${data.replace('\n  ', '\n    ')}kind: Secret\n<<: *base\n`;
    const f = analyzeManifest(text).findings;
    assert.deepEqual(f.map((x) => [x.rule, at(text, x)]), [['plaintext-credential', CONFIG]]);
  });
  test('a later key overrides an earlier merge, a later merge overrides an earlier key', () => {
    assert.deepEqual(rules(`kind: Secret\n<<: {type: kubernetes.io/dockerconfigjson}\ntype: Opaque\n${data}`), []);
    assert.deepEqual(rules(`kind: Secret\ntype: Opaque\n<<: {type: kubernetes.io/dockerconfigjson}\n${data}`), ['plaintext-credential']);
  });
  test('in a merged sequence the earlier map wins', () => {
    const head = 'o: &o {type: Opaque}\np: &p {type: kubernetes.io/dockerconfigjson}\nkind: Secret\n';
    assert.deepEqual(rules(`${head}<<: [*o, *p]\n${data}`), []);
    assert.deepEqual(rules(`${head}<<: [*p, *o]\n${data}`), ['plaintext-credential']);
  });
  test('merges inside merged maps, several << keys, !!merge; a quoted "<<" is an ordinary key', () => {
    const nested = `a: &a {type: kubernetes.io/dockerconfigjson}\nb: &b {<<: *a, x: 1}\nkind: Secret\n<<: *b\n${data}`;
    assert.deepEqual(rules(nested), ['plaintext-credential']);
    assert.deepEqual(rules(`kind: Secret\n<<: {x: 1}\n<<: {type: kubernetes.io/dockerconfigjson}\n${data}`), ['plaintext-credential']);
    assert.deepEqual(rules(`kind: Secret\n!!merge <<: {type: kubernetes.io/dockerconfigjson}\n${data}`), ['plaintext-credential']);
    assert.deepEqual(rules(`kind: Secret\n"<<": {type: kubernetes.io/dockerconfigjson}\n${data}`), []);
  });
  test('a repeated key: the last one counts, as in go-yaml v2', () => {
    assert.deepEqual(rules(`kind: Secret\ntype: Opaque\ntype: kubernetes.io/dockerconfigjson\n${data}`), ['plaintext-credential']);
  });
  test('a type named like an Object member is no pull secret type', () => {
    for (const type of ['constructor', 'toString', '__proto__']) {
      assert.deepEqual(rules(`kind: Secret\ntype: ${type}\n# kubernetes.io/dockerconfigjson\n${data}`), [], type);
    }
  });
});

describe('alias bombs are never expanded', () => {
  test('a billion laughs and a merge bomb of 9^30 maps: read in well under a second of work each', { timeout: 30_000 }, () => {
    const laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) laughs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = ['m0: &m0 {x: 1}'];
    for (let i = 1; i < 30; i++) bomb.push(`m${i}: &m${i} {<<: [${Array(9).fill(`*m${i - 1}`).join(', ')}]}`);
    const text = `${laughs.join('\n')}\n${bomb.join('\n')}\nkind: Secret\n<<: [${Array(9).fill('*m29').join(', ')}]\nitems: *a11\ntype: kubernetes.io/dockerconfigjson\n${'data:\n  .dockerconfigjson: ' + CONFIG}\n`;
    // Expanded, this would be 9^30 maps: it finishes only because nothing is expanded.
    assert.deepEqual(rules(text), ['plaintext-credential']);
  });
});
