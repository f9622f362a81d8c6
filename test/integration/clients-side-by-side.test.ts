// Issue 11 in the real editor: the hover on a registry key and the Which Credentials command say what docker,
// containers/image (podman, skopeo, buildah) and kubelet do with the file, side by side where they differ.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { b64, cleanTempFiles, closeAll, hoverText, open, rangeOf, tempFile } from './util';

const SECRET = 'hunter2-side-by-side';
const auth = (user: string): string => b64(`${user}:${SECRET}`);
const HUB = JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credHelpers: { 'https://index.docker.io/v1/': 'desktop' } }, null, 2);

suite('clients side by side', () => {
  // Run alone (DCG_TEST_GREP), the first hover could come before activation registered the providers: activate first.
  suiteSetup(async () => {
    await vscode.extensions.getExtension('docker-config-guard.docker-config-guard')!.activate();
  });
  const saved = process.env.DOCKER_CONFIG;
  suiteTeardown(async () => {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
    await closeAll();
    cleanTempFiles();
  });

  test('hover on a Docker Hub key: docker asks the helper, podman never does and moves on, a pull secret made from the file runs no helper', async () => {
    const uri = tempFile(HUB);
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, '"https://index.docker.io/v1/"').start.translate(0, 3));
    const lines = md.split('\n');
    assert.ok(lines.includes('**Each client, for `alpine`**'), md);
    assert.ok(lines.includes('| Client | Source | Username | Note |'), md);
    assert.ok(lines.includes('| docker | helper `desktop` (credHelpers) | from the helper |  |'), md);
    assert.ok(
      lines.includes(
        '| containers/image (podman, skopeo, buildah) | no credentials | — | asks credHelpers only under "docker.io" for Docker Hub, never `https://index.docker.io/v1/`; `https://index.docker.io/v1/` holds no "auth": moves on to the next file in its search order |',
      ),
      md,
    );
    assert.ok(lines.includes('| kubelet (a pull secret made from this file) | no credentials | — | runs no credential helper; `https://index.docker.io/v1/` holds no credentials: pulls without any |'), md);
  });

  test('hover on a key all clients read alike: one line, no table', async () => {
    const uri = tempFile(JSON.stringify({ auths: { 'quay.io': { auth: auth('alice') } } }, null, 2));
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, '"quay.io"').start.translate(0, 2));
    assert.ok(md.includes('docker, containers/image (podman, skopeo, buildah), kubelet (a pull secret made from this file) agree: entry `quay.io`; username `alice`'), md);
    assert.ok(!md.includes('| Client |'), md);
    assert.ok(!md.includes(SECRET) && !md.includes(auth('alice')), md);
  });

  test('hover on a key of a containers auth file: what podman does with this file, and that it moves on', async () => {
    const uri = tempFile(JSON.stringify({ auths: { 'quay.io': {} } }, null, 2), 'containers/auth.json');
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, '"quay.io"').start.translate(0, 2));
    assert.ok(md.includes('containers/image (podman, skopeo, buildah): no credentials; `quay.io` holds no "auth": moves on to the next file in its search order'), md);
    assert.ok(!md.includes('Docker takes'), md);
  });

  test('hover on a key of a pull secret: kubelet tries every matching entry, most specific first', async () => {
    const config = JSON.stringify({ auths: { 'bar.example.com': { auth: auth('host') }, 'bar.example.com/pong': { auth: auth('ns') } } });
    const uri = tempFile(`apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nmetadata:\n  name: regcred\nstringData:\n  .dockerconfigjson: '${config}'\n`, 'k8s/regcred.yaml');
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, '"bar.example.com/pong"').start.translate(0, 2));
    assert.ok(md.includes('**Each client, for `bar.example.com/pong/app:tag`**'), md);
    assert.ok(md.includes('kubelet: entry `bar.example.com/pong`; username `ns`, `host`; tries each matching entry in turn, most specific first'), md);
    assert.ok(!md.includes(SECRET), md);
  });

  test('Which Credentials: docker\'s answer, then each client\'s, for the typed image', async () => {
    await open(tempFile(JSON.stringify({ auths: { 'quay.io': { auth: auth('alice'), serveraddress: 7 } } })));
    const message = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'quay.io/team/app:1');
    assert.match(message, /^quay\.io\/team\/app:1: registry quay\.io, key "quay\.io", source: auths entry "quay\.io"/);
    assert.ok(message.includes('docker: entry "quay.io"; loads this file only in part: the "auth" goes to the registry undecoded'), message);
    assert.ok(message.includes('containers/image (podman, skopeo, buildah): entry "quay.io"; username "alice"'), message);
    assert.ok(message.includes('kubelet (a pull secret made from this file): entry "quay.io"; username "alice"'), message);
    assert.ok(!message.includes(SECRET), message);

    await open(tempFile(HUB));
    const hub = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'alpine');
    assert.ok(hub.includes('containers/image (podman, skopeo, buildah): no credentials; asks credHelpers only under "docker.io" for Docker Hub'), hub);
  });

  test('Which Credentials on a pull secret manifest: kubelet\'s answer from its first pull secret', async () => {
    const config = JSON.stringify({ auths: { 'bar.example.com/pong': {}, 'bar.example.com': { auth: auth('host') } } });
    await open(tempFile(`kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(config)}\n`, 'k8s/pull.yaml'));
    const message = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'bar.example.com/pong:1');
    assert.strictEqual(message, 'bar.example.com/pong:1: kubelet: entry "bar.example.com"; username "host"');
  });

  test('Which Credentials with no config file at all: nobody has credentials, and podman moves on (no decoding error)', async () => {
    await closeAll();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-none-'));
    process.env.DOCKER_CONFIG = dir;
    try {
      const message = await vscode.commands.executeCommand<string>('dockerConfigGuard.whichCredentials', 'quay.io/x');
      assert.ok(message.includes('containers/image (podman, skopeo, buildah): no credentials; '), message);
      assert.ok(message.includes('no entry here: moves on to the next file in its search order kubelet'), message);
      assert.ok(!message.includes('cannot be decoded'), message);
      // docker's row says what its paragraph says: its platform default helper when one is on PATH, else nothing.
      const detected = /source: credsStore helper "([^"]+)"/.exec(message);
      assert.ok(message.includes(detected ? `docker: helper "${detected[1]}" (credsStore)` : 'docker: no credentials'), message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
