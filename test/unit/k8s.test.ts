// Kubernetes image pull secrets: decoding, kubelet rules, ranges in the manifest, Helm templates, hovers.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeManifest, blankTemplates, manifestHoverAt, mayHoldPullSecret, TextMap } from '../../src/core/k8s';
import { analyze, Finding, messageOf } from '../../src/core';
import { b64 } from './util';

const TREE = path.resolve(__dirname, '../../../test/fixtures/tree');
const fixture = (name: string) => fs.readFileSync(path.join(TREE, name), 'utf8');
const at = (text: string, f: Finding) => text.slice(f.offset, f.offset + f.length);
const brief = (text: string, fs_: Finding[]) => fs_.map((f) => [f.rule, f.severity, at(text, f)]);

function secretYaml(config: string, type = 'kubernetes.io/dockerconfigjson', key = '.dockerconfigjson'): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: ${type}\ndata:\n  ${key}: ${b64(config)}\n`;
}

describe('fixtures shaped like real output', () => {
  test('kubectl create secret docker-registry: the credentials are plain text in the manifest', () => {
    const text = fixture('k8s/regcred.yaml');
    const { findings, secrets } = analyzeManifest(text);
    const value = text.match(/eyJ\S+/)![0];
    assert.deepEqual(brief(text, findings), [
      ['plaintext-credential', 'warning', value],
      ['plaintext-credential', 'warning', value],
    ]);
    assert.deepEqual(findings.map((f) => f.path).sort(), [
      ['auths', 'registry.example.com', 'auth'],
      ['auths', 'registry.example.com', 'password'],
    ]);
    assert.equal(secrets[0].name, 'regcred');
    assert.match(messageOf(findings[0]), /manifest/);
  });
  test('kubectl create secret generic --from-file of a laptop config: helpers and placeholders are errors', () => {
    const text = fixture('k8s/regcred-laptop.yaml');
    const rules = analyzeManifest(text).findings.map((f) => `${f.rule}/${f.severity}/${f.path.join('.')}`);
    assert.deepEqual(rules.sort(), ['empty-auth/error/auths.ghcr.io', 'empty-auth/error/auths.https://index.docker.io/v1/', 'pull-secret-uses-helper/error/credsStore']);
  });
  test('multi-document file: stringData findings land on the exact text, .dockercfg paths have no "auths"', () => {
    const text = fixture('k8s/app.yaml');
    const { findings, secrets } = analyzeManifest(text);
    assert.equal(secrets.length, 2);
    const auth = text.match(/"auth": "([^"]+)"/)![1];
    assert.deepEqual(brief(text, findings), [
      ['plaintext-credential', 'warning', `"${auth}"`],
      ['empty-auth', 'error', '"mirror.internal"'],
      ['empty-auth', 'error', '"registry.internal:5000"'],
      ['pull-secret-uses-helper', 'error', '"credHelpers"'],
    ]);
    assert.deepEqual(findings[0].path, ['registry.internal:5000', 'auth']);
    assert.deepEqual(findings[1].path, ['mirror.internal']);
  });
  test('Helm templates are left alone: no findings, no errors', () => {
    for (const name of ['charts/app/templates/pull-secret.yaml', 'charts/app/templates/deployment.yaml']) {
      assert.deepEqual(analyzeManifest(fixture(name)).findings, [], name);
    }
  });
});

describe('reading the manifest', () => {
  test('the cheap test skips files without a pull secret type, before parsing', () => {
    assert.equal(mayHoldPullSecret('kind: ConfigMap\n'), false);
    assert.equal(mayHoldPullSecret('type: kubernetes.io/dockercfg'), true);
    assert.deepEqual(analyzeManifest('{{{ not yaml: [\n'), { secrets: [], findings: [] });
  });
  test('broken YAML is not ours to report', () => {
    assert.deepEqual(analyzeManifest('kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata: [\n').findings, []);
  });
  test('other Secret types and other kinds are ignored', () => {
    assert.deepEqual(analyzeManifest(secretYaml('{"auths":{"a.io":{}}}', 'Opaque')).findings, []);
    assert.deepEqual(analyzeManifest(secretYaml('{"auths":{"a.io":{}}}').replace('kind: Secret', 'kind: ConfigMap')).findings, []);
  });
  test('a kind: List holds secrets too', () => {
    const item = secretYaml('{"auths":{"a.io":{}}}').replace(/^/gm, '    ').replace(/^    apiVersion/, '  - apiVersion');
    const text = `apiVersion: v1\nkind: List\nitems:\n${item}`;
    assert.deepEqual(analyzeManifest(text).findings.map((f) => f.rule), ['empty-auth']);
  });
  test('stringData wins over data, as the API server merges it', () => {
    const text = secretYaml('{"auths":{"data.io":{}}}') + 'stringData:\n  .dockerconfigjson: \'{"auths":{"string.io":{}}}\'\n';
    const { findings } = analyzeManifest(text);
    assert.deepEqual(brief(text, findings), [['empty-auth', 'error', '"string.io"']]);
  });
  test('a double-quoted value with escapes: findings on the whole value', () => {
    const text = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: "{\\"auths\\":{\\"a.io\\":{}}}"\n';
    assert.deepEqual(brief(text, analyzeManifest(text).findings), [['empty-auth', 'error', '"{\\"auths\\":{\\"a.io\\":{}}}"']]);
  });
  test('CRLF line ends and text before the secret in other scripts keep the ranges exact', () => {
    const text = '# 镜像拉取凭据 🐳\r\nkind: Secret\r\ntype: kubernetes.io/dockerconfigjson\r\nstringData:\r\n  .dockerconfigjson: |\r\n    {"auths": {\r\n      "a.io": {}}}\r\n';
    assert.deepEqual(brief(text, analyzeManifest(text).findings), [['empty-auth', 'error', '"a.io"']]);
  });
  test('JSON errors inside a literal block point at the spot; the API server rejects the Secret', () => {
    const text = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {"auths": {},}\n';
    const f = analyzeManifest(text).findings;
    assert.deepEqual(brief(text, f), [['json-syntax', 'error', ',']]);
    assert.match(messageOf(f[0]), /API server rejects/);
  });
  test('legacy .dockercfg: registries at the top level', () => {
    const text = secretYaml(JSON.stringify({ 'r.io': { auth: b64('u:p'), email: 'e' }, 'https://index.docker.io/v1/': {} }), 'kubernetes.io/dockercfg', '.dockercfg');
    const rules = analyzeManifest(text).findings.map((f) => `${f.rule}:${f.path.join('.')}`);
    assert.deepEqual(rules.sort(), ['empty-auth:https://index.docker.io/v1/', 'plaintext-credential:r.io.auth']);
  });
});

describe('invalid-pull-secret', () => {
  const one = (text: string) => {
    const f = analyzeManifest(text).findings;
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].rule, 'invalid-pull-secret');
    assert.equal(f[0].severity, 'error');
    return { text: at(text, f[0]), message: messageOf(f[0]) };
  };
  test('the key is missing', () => {
    const r = one('kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  config.json: e30=\n');
    assert.equal(r.text, 'kubernetes.io/dockerconfigjson');
    assert.match(r.message, /must hold "\.dockerconfigjson"/);
  });
  test('data that is not base64', () => {
    const r = one('kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {"auths":{}}\n'.replace('{"auths":{}}', "'{\"auths\":{}}'"));
    assert.match(r.message, /not valid base64/);
  });
  test('a value that is not a string', () => {
    assert.match(one('kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson:\n    auths: {}\n').message, /must be a string/);
  });
  test('a .dockercfg with the config.json layout', () => {
    const r = one(secretYaml('{"auths":{"a.io":{"auth":"dTpw"}}}', 'kubernetes.io/dockercfg', '.dockercfg'));
    assert.match(r.message, /kubelet reads "auths" as a registry name/);
  });
});

describe('Helm templates', () => {
  test('blanking keeps every offset; lines with only templates become blank', () => {
    const src = '{{- if .Values.x }}\nname: {{ .Release.Name }}-pull\n{{- end }}\n';
    const { text, spans } = blankTemplates(src);
    assert.equal(text.length, src.length);
    assert.equal(spans.length, 3);
    assert.equal(text.split('\n')[0].trim(), '');
    assert.match(text.split('\n')[1], /^name: _+-pull$/);
  });
  test('a templated value is skipped; the rest of the chart is read', () => {
    const text = 'kind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {"auths": {"a.io": {}}}\n{{- end }}\n';
    assert.deepEqual(brief(text, analyzeManifest(text).findings), [['empty-auth', 'error', '"a.io"']]);
    const templated = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {{ .Values.secret | b64enc }}\n';
    assert.deepEqual(analyzeManifest(templated).findings, []);
  });
});

describe('one pass over the text', () => {
  /** The straightforward reading: a lazy regex for the spans, each span's whole lines trimmed. Quadratic, fine for short texts. */
  function reference(text: string): { text: string; spans: Array<[number, number]> } {
    const spans: Array<[number, number]> = [];
    const re = /\{\{[\s\S]*?\}\}/g;
    for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
    const spaced = text.replace(re, (m) => m.replace(/[^\r\n]/g, ' '));
    let out = '';
    let last = 0;
    for (const [start, end] of spans) {
      const lineStart = spaced.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = spaced.indexOf('\n', end) < 0 ? spaced.length : spaced.indexOf('\n', end);
      const alone = spaced.slice(lineStart, lineEnd).trim() === '';
      out += text.slice(last, start) + spaced.slice(start, end).replace(/ /g, alone ? ' ' : '_');
      last = end;
    }
    return { text: out + text.slice(last), spans };
  }
  test('blankTemplates gives the text and spans of the straightforward reading', () => {
    const piece = fc.constantFrom('{{', '}}', '{', '}', '\n', '\r\n', ' ', '\t', 'x', '\u00a0', '\u2028', '-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(blankTemplates(text), reference(text));
      }),
      { numRuns: 3000 },
    );
  });
  test('TextMap maps both ways like a scan of every line', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }).map((s) => s.replace(/\n/g, '')), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(5), { minLength: 8, maxLength: 8 }), (lines, gaps) => {
        const starts: number[] = [];
        let pos = gaps[0];
        lines.forEach((line, i) => {
          starts.push(pos);
          pos += line.length + (gaps[i] === 0 ? 0 : 1 + gaps[i]); // a start may touch the end of the line before
        });
        const map = new TextMap(lines, starts);
        const lineStarts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
        for (let offset = 0; offset <= lineStarts[lines.length - 1] + lines[lines.length - 1].length; offset++) {
          let i = lineStarts.length - 1;
          while (i > 0 && lineStarts[i] > offset) i--;
          assert.equal(map.toManifest(offset), starts[i] + Math.min(offset - lineStarts[i], lines[i].length));
        }
        for (let offset = 0; offset <= pos; offset++) {
          const i = starts.findIndex((s, j) => offset >= s && offset <= s + lines[j].length);
          assert.equal(map.fromManifest(offset), i < 0 ? undefined : lineStarts[i] + offset - starts[i]);
        }
      }),
      { numRuns: 500 },
    );
  });
  test('templated values are found among many templates: each Secret of a List on its own', () => {
    const item = (i: number, value: string) => `  - kind: Secret\n    type: kubernetes.io/dockerconfigjson\n    metadata: {name: "{{ .Values.n${i} }}"}\n    stringData:\n      .dockerconfigjson: ${value}\n`;
    const items = Array.from({ length: 40 }, (_, i) => item(i, i % 2 ? '"{{ .Values.secret }}"' : `'{"auths":{"r${i}.io":{}}}'`));
    const { findings } = analyzeManifest(`kind: List\nitems:\n${items.join('')}`);
    assert.deepEqual(findings.map((f) => f.path.join('.')), Array.from({ length: 20 }, (_, i) => `auths.r${2 * i}.io`));
  });
});

describe('hover', () => {
  const PASSWORD = 'hover-pass-NOT-REAL';
  const config = JSON.stringify({ auths: { 'a.io': { auth: b64(`robot:${PASSWORD}`) }, 'b.io': {} }, credsStore: 'desktop' });
  const text = secretYaml(config);
  const inside = text.indexOf(b64(config)) + 5;
  test('on a base64 value: the decoded config and decoded auth values, with the kubelet warning', () => {
    const h = manifestHoverAt(analyzeManifest(text), inside)!;
    assert.equal(text.slice(h.offset, h.offset + h.length), b64(config));
    assert.ok(h.markdown.includes('"credsStore": "desktop"'));
    assert.ok(h.markdown.includes('`robot`') && h.markdown.includes(`\`${PASSWORD}\``));
    assert.match(h.markdown, /Do not commit it/);
  });
  test('masking hides the password and every secret field of the shown config', () => {
    const h = manifestHoverAt(analyzeManifest(text), inside, { maskPasswords: true })!;
    assert.ok(!h.markdown.includes(PASSWORD) && !h.markdown.includes(b64(`robot:${PASSWORD}`)), h.markdown);
    assert.ok(h.markdown.includes('`robot`') && h.markdown.includes('masked'));
  });
  test('on a stringData auth value: the core hover, mapped onto the manifest', () => {
    const auth = b64(`robot:${PASSWORD}`);
    const doc = `kind: Secret\ntype: kubernetes.io/dockercfg\nstringData:\n  .dockercfg: |\n    {"r.io": {"auth": "${auth}"}}\n`;
    const h = manifestHoverAt(analyzeManifest(doc), doc.indexOf(auth) + 3)!;
    assert.equal(doc.slice(h.offset, h.offset + h.length), `"${auth}"`);
    assert.ok(h.markdown.includes(PASSWORD) && h.markdown.includes('Do not commit it'));
    assert.equal(manifestHoverAt(analyzeManifest(doc), doc.indexOf('kind')), undefined);
  });
});

describe('never throws, never leaks', () => {
  const MARK = 'ZzSeCrEt';
  const secret = fc.string({ minLength: 1, maxLength: 8 }).map((s) => MARK + s.replace(/[\r\n]/g, ''));
  const entry = fc.record(
    { auth: fc.oneof(secret.map((p) => b64(`u:${p}`)), secret.map((p) => b64(p).replace(/=+$/, '')), fc.constant('')), password: secret, identitytoken: secret, username: fc.string({ maxLength: 4 }) },
    { requiredKeys: [] },
  );
  const registry = fc.oneof(fc.constantFrom('ghcr.io', 'docker.io', 'https://index.docker.io/v1/', 'quay.io/team', '*.example.com', 'r.io:5000'), fc.string({ maxLength: 8 }));
  const config = fc.record(
    { auths: fc.oneof(fc.dictionary(registry, fc.oneof(entry, fc.constant(null), fc.integer())), fc.string()), credsStore: fc.oneof(fc.constantFrom('desktop', ''), fc.integer()), credHelpers: fc.dictionary(registry, fc.constantFrom('pass', '')) },
    { requiredKeys: [] },
  );
  const check = (text: string) => {
    const m = analyzeManifest(text);
    for (const f of m.findings) {
      assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, 'range inside the text');
      assert.ok(!messageOf(f).includes(MARK), 'no secret in a message');
    }
    for (let i = 0; i < text.length; i += Math.max(1, Math.floor(text.length / 15))) manifestHoverAt(m, i, { maskPasswords: true });
  };
  test('pull secrets with config-shaped JSON, as data, stringData blocks and one-line values, possibly cut', () =>
    fc.assert(
      fc.property(config, fc.constantFrom('data', 'block', 'line'), fc.boolean(), fc.nat(), (c, how, legacy, cut) => {
        let json = JSON.stringify(legacy ? c.auths ?? {} : c, null, cut % 2 ? 2 : undefined);
        if (cut % 7 === 0) json = json.slice(0, cut % (json.length + 1));
        const [type, key] = legacy ? ['kubernetes.io/dockercfg', '.dockercfg'] : ['kubernetes.io/dockerconfigjson', '.dockerconfigjson'];
        const value = how === 'data' ? b64(json) : how === 'block' ? `|\n${json.replace(/^/gm, '    ')}` : `'${json.replace(/'/g, "''").replace(/\n/g, ' ')}'`;
        check(`kind: Secret\ntype: ${type}\n${how === 'data' ? 'data' : 'stringData'}:\n  ${key}: ${value}\n`);
      }),
      { numRuns: 300 },
    ));
  test('arbitrary text that names a pull secret type', () =>
    fc.assert(fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 60 }), (a, b) => check(`${a}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\n${b}`)), { numRuns: 300 }));
  test('the same configs read by podman and kubelet', () =>
    fc.assert(
      fc.property(config, fc.constantFrom('containers' as const, 'kubelet' as const), (c, profile) => {
        const text = JSON.stringify(c, null, 2);
        for (const f of analyze(text, { profile }).findings) assert.ok(!messageOf(f).includes(MARK));
      }),
      { numRuns: 300 },
    ));
});
