// Kubernetes pull secrets (YAML) and Podman auth files in the real editor: diagnostics, ranges, hovers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { b64, cleanTempFiles, closeAll, codeOf, diagnosticsWhen, hoverText, open, ours, rangeOf, setSetting, tempFile, textOf } from './util';

const LAPTOP = '{\n\t"auths": {\n\t\t"ghcr.io": {},\n\t\t"https://index.docker.io/v1/": {}\n\t},\n\t"credsStore": "desktop"\n}';
const PASSWORD = 'it-pass-NOT-REAL';
const AUTH = b64(`robot:${PASSWORD}`);

/** The shape `kubectl create secret generic --from-file=.dockerconfigjson=... -o yaml` writes. */
const dataSecret = (config: string) =>
  `apiVersion: v1\ndata:\n  .dockerconfigjson: ${b64(config)}\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\n`;

const stringDataSecret = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
---
apiVersion: v1
kind: Secret
metadata:
  name: legacy
type: kubernetes.io/dockercfg
stringData:
  .dockercfg: |
    {
      "registry.internal:5000": {"auth": "${AUTH}"},
      "mirror.internal": {}
    }
`;

suite('pull secrets in YAML manifests', () => {
  suiteTeardown(async () => {
    await setSetting('hover.maskPasswords', undefined);
    await closeAll();
    cleanTempFiles();
  });

  test('a secret made from a laptop config: helper and placeholders are errors on the encoded value', async () => {
    const uri = tempFile(dataSecret(LAPTOP), 'k8s/regcred.yaml');
    const editor = await open(uri);
    assert.strictEqual(editor.document.languageId, 'yaml');
    const ds = await diagnosticsWhen(uri, (d) => d.length === 3, 'three findings on the secret');
    assert.deepStrictEqual(ds.map(codeOf).sort(), ['empty-auth', 'empty-auth', 'pull-secret-uses-helper']);
    for (const d of ds) {
      assert.strictEqual(textOf(editor.document, d), b64(LAPTOP));
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    }
    assert.match(ds.find((d) => codeOf(d) === 'pull-secret-uses-helper')!.message, /Kubelet ignores "credsStore"/);
  });

  test('stringData in a multi-document file: findings on the exact text inside the block', async () => {
    const uri = tempFile(stringDataSecret, 'k8s/app.yaml');
    const editor = await open(uri);
    const ds = await diagnosticsWhen(uri, (d) => d.length === 2, 'plain text and an empty entry');
    const byCode = Object.fromEntries(ds.map((d) => [codeOf(d), textOf(editor.document, d)]));
    assert.deepStrictEqual(byCode, { 'plaintext-credential': `"${AUTH}"`, 'empty-auth': '"mirror.internal"' });
  });

  test('hover on the encoded value shows the decoded config and auth values; masking hides the password', async () => {
    const config = JSON.stringify({ auths: { 'registry.example.com': { username: 'robot', password: PASSWORD, auth: AUTH } } });
    const uri = tempFile(dataSecret(config), 'k8s/hover.yaml');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length > 0, 'the secret is read');
    const at = rangeOf(editor.document, b64(config)).start.translate(0, 4);
    const md = await hoverText(uri, at);
    assert.match(md, /registry\.example\.com/);
    assert.match(md, /robot/);
    assert.ok(md.includes(PASSWORD), md);
    assert.match(md, /Do not commit it/);
    await setSetting('hover.maskPasswords', true);
    const masked = await hoverText(uri, at);
    assert.match(masked, /robot/);
    assert.ok(!masked.includes(PASSWORD) && !masked.includes(AUTH), masked);
    await setSetting('hover.maskPasswords', undefined);
  });

  test('hover on an auth value inside stringData decodes it', async () => {
    const uri = tempFile(stringDataSecret, 'k8s/hover2.yaml');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 2, 'the secret is read');
    const md = await hoverText(uri, rangeOf(editor.document, AUTH).start.translate(0, 2));
    assert.match(md, /robot/);
    assert.ok(md.includes(PASSWORD));
  });

  test('editing the secret away clears the diagnostics; YAML without secrets and Helm templates get none', async () => {
    const plain = tempFile('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n', 'k8s/plain.yaml');
    await open(plain);
    const helm = tempFile(
      '{{- if .Values.pull }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {{ .Values.secret | b64enc }}\n{{- end }}\n',
      'chart/templates/secret.yaml',
    );
    await open(helm);
    const uri = tempFile(dataSecret(LAPTOP), 'k8s/edit.yaml');
    const editor = await open(uri);
    await diagnosticsWhen(uri, (d) => d.length === 3, 'the secret is read');
    assert.deepStrictEqual(ours(plain), []);
    assert.deepStrictEqual(ours(helm), []);
    const doc = editor.document;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), 'kind: ConfigMap\n'));
    await diagnosticsWhen(uri, (d) => d.length === 0, 'diagnostics cleared');
  });
});

suite('Podman auth files', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  test('containers/auth.json is read the way podman reads it', async () => {
    const uri = tempFile(LAPTOP, 'containers/auth.json');
    const editor = await open(uri);
    const ds = await diagnosticsWhen(uri, (d) => d.length === 3, 'podman findings');
    const byText = ds.map((d) => `${codeOf(d)} ${textOf(editor.document, d)} ${d.severity}`).sort();
    assert.deepStrictEqual(byText, [
      `empty-auth "ghcr.io" ${vscode.DiagnosticSeverity.Error}`,
      `empty-auth "https://index.docker.io/v1/" ${vscode.DiagnosticSeverity.Error}`,
      `ignored-field "credsStore" ${vscode.DiagnosticSeverity.Warning}`,
    ]);
  });
});
