// The command "Export a Kubernetes Pull Secret…" in the real editor (trusted workspace): the user's Docker config
// ($DOCKER_CONFIG) with credentials from the file and from a scripted credential helper; the Secret it writes (type,
// only the asked registries, what kubelet reads, mode 0600); no Secret when the store helper has no entry.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { fakeHelperDir, FakeHelperDir } from '../support/fake-helper';
import { calls } from './support';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const FILE_PW = 'file-Pw-4711';
const HELPER_PW = 'helper-Pw-0815';
const OTHER_PW = 'other-Pw-2342';

interface SecretDoc {
  apiVersion: string;
  kind: string;
  type: string;
  metadata: { name: string; namespace?: string };
  data: Record<string, string>;
}

suite('export a pull secret', () => {
  let fakes: FakeHelperDir;
  let log: string;
  let dir: string;
  const saved = { PATH: process.env.PATH, DOCKER_CONFIG: process.env.DOCKER_CONFIG };

  suiteSetup(() => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
    fakes = fakeHelperDir();
    log = path.join(fakes.dir, 'vault.log');
    // A helper that knows ghcr.io only, and logs every call.
    fakes.write(
      'vault',
      `IFS= read -r input; printf '%s %s\\n' "$1" "$input" >> '${log}'
case "$1:$input" in
  get:ghcr.io) printf '{"ServerURL":"ghcr.io","Username":"octo","Secret":"${HELPER_PW}"}' ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac`,
    );
    // This folder first; the runner's PATH after it (the suite's own docker-credential-dcg-store).
    process.env.PATH = [fakes.dir, saved.PATH].join(path.delimiter);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-export-'));
    process.env.DOCKER_CONFIG = path.join(dir, 'docker');
  });
  suiteTeardown(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    fakes?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const writeUserConfig = (config: unknown): void => {
    fs.mkdirSync(process.env.DOCKER_CONFIG!, { recursive: true });
    fs.writeFileSync(path.join(process.env.DOCKER_CONFIG!, 'config.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  };

  test('credentials from a helper and from the file: a dockerconfigjson Secret with only the asked registries, mode 0600', async () => {
    writeUserConfig({
      auths: { 'registry.example.com:5000': { auth: b64(`deploy:${FILE_PW}`) }, 'other.example': { auth: b64(`x:${OTHER_PW}`) }, 'ghcr.io': {} },
      credHelpers: { 'ghcr.io': 'vault' },
    });
    const output = path.join(dir, 'out', 'regcred.yaml');
    fs.mkdirSync(path.dirname(output));
    fs.writeFileSync(output, 'an older file, readable by all\n', { mode: 0o644 });
    fs.chmodSync(output, 0o644);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('dockerConfigGuard.exportPullSecret', {
      registries: ['ghcr.io', 'registry.example.com:5000'],
      name: 'regcred',
      namespace: 'ci',
      output: vscode.Uri.file(output),
    });
    assert.strictEqual(written?.fsPath, output);
    assert.strictEqual(fs.statSync(output).mode & 0o777, 0o600, 'the Secret is readable by its owner only');
    assert.deepStrictEqual(fs.readdirSync(path.dirname(output)), ['regcred.yaml'], 'no temp file left');

    const text = fs.readFileSync(output, 'utf8');
    const doc = parse(text) as SecretDoc;
    assert.deepStrictEqual([doc.apiVersion, doc.kind, doc.type], ['v1', 'Secret', 'kubernetes.io/dockerconfigjson']);
    assert.deepStrictEqual(doc.metadata, { name: 'regcred', namespace: 'ci' });
    assert.deepStrictEqual(Object.keys(doc.data), ['.dockerconfigjson']);
    const config = JSON.parse(Buffer.from(doc.data['.dockerconfigjson'], 'base64').toString('utf8'));
    assert.deepStrictEqual(Object.keys(config), ['auths'], 'no credsStore, no credHelpers');
    assert.deepStrictEqual(config.auths, {
      'ghcr.io': { username: 'octo', password: HELPER_PW, auth: b64(`octo:${HELPER_PW}`) },
      'registry.example.com:5000': { username: 'deploy', password: FILE_PW, auth: b64(`deploy:${FILE_PW}`) },
    });
    assert.ok(!text.includes(OTHER_PW) && !text.includes(b64(`x:${OTHER_PW}`)), 'a registry not asked for is left out');
    assert.deepStrictEqual(calls(log), ['get ghcr.io'], 'the helper is asked for its registry only');
  });

  /** Runs the export for `registries` with `name` into a new file; asserts that nothing was written. */
  async function exportsNothing(registries: string[], name: string): Promise<void> {
    const output = path.join(dir, `${name}-none.yaml`);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('dockerConfigGuard.exportPullSecret', { registries, name, output: vscode.Uri.file(output) });
    assert.strictEqual(written, undefined);
    assert.strictEqual(fs.existsSync(output), false);
  }

  test('the store helper has no entry: no Secret, no file', async () => {
    writeUserConfig({ auths: { 'ghcr.io': {} }, credsStore: 'dcg-store' });
    await exportsNothing(['ghcr.io'], 'regcred');
  });

  test('an invalid Secret name writes nothing', async () => {
    writeUserConfig({ auths: { 'registry.example.com:5000': { auth: b64(`deploy:${FILE_PW}`) } } });
    await exportsNothing(['registry.example.com:5000'], 'Not_A_Name');
  });
});
