// The hover on image references in the real editor: a Dockerfile (FROM, an ARG default, a stage), a Compose file and a
// Kubernetes manifest say the registry and where docker takes the credentials from, read from the user's Docker config
// ($DOCKER_CONFIG); no credential helper runs for it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { fakeHelperDir, FakeHelperDir } from '../support/fake-helper';
import { activated, calls, loggingHelper } from './support';
import { closeAll, hoverText } from './util';

/** The hover's Markdown as a person reads it (Markdown escapes removed). */
const plain = (markdown: string): string => markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

suite('image hover', () => {
  let fakes: FakeHelperDir;
  let log: string;
  let dir: string;
  let configFile: string;
  const saved = { PATH: process.env.PATH, DOCKER_CONFIG: process.env.DOCKER_CONFIG };

  suiteSetup(() => {
    fakes = fakeHelperDir();
    log = path.join(fakes.dir, 'logger.log');
    fakes.write('logger', loggingHelper(log, ['ghcr.io']));
    process.env.PATH = fakes.path;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-images-'));
    process.env.DOCKER_CONFIG = path.join(dir, 'docker');
    configFile = path.join(process.env.DOCKER_CONFIG, 'config.json');
    fs.mkdirSync(process.env.DOCKER_CONFIG);
    const auth = Buffer.from('deploy:img-Pw-31337').toString('base64');
    fs.writeFileSync(configFile, JSON.stringify({ auths: { 'registry.example.com:5000': { auth } }, credHelpers: { 'ghcr.io': 'logger' } }), { mode: 0o600 });
  });
  suiteTeardown(async () => {
    await closeAll();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    fakes?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `rel` in the project folder, opens it, returns the hover text at the first `needle` (+1 character). */
  async function hoverOn(rel: string, text: string, needle: string): Promise<{ hover: string; document: vscode.TextDocument }> {
    const file = path.join(dir, 'project', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    await activated();
    const at = text.indexOf(needle);
    assert.ok(at >= 0, needle);
    return { hover: plain(await hoverText(document.uri, document.positionAt(at + 1))), document };
  }

  test('Dockerfile: FROM with an ARG default (credHelpers), a registry with a port (auths), a stage, a line that is no image', async () => {
    const text = 'ARG BASE=ghcr.io/acme/base:1\nFROM ${BASE} AS build\nRUN make\nFROM registry.example.com:5000/team/app:2\nCOPY --from=build /out /\n';
    const { hover: base, document } = await hoverOn('Dockerfile', text, '${BASE}');
    assert.strictEqual(document.languageId, 'dockerfile');
    assert.match(base, /\*\*Image\*\* ghcr.io\/acme\/base:1/);
    assert.match(base, /registry: ghcr.io/);
    assert.match(base, /source: +credHelpers helper "logger" \(docker-credential-logger\)/);
    const app = (await hoverOn('Dockerfile', text, 'registry.example.com')).hover;
    assert.match(app, /\*\*Image\*\* registry.example.com:5000\/team\/app:2/);
    assert.match(app, new RegExp(`source: +auths entry "registry.example.com:5000" in ${configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(app, /username: deploy/);
    assert.ok(!app.includes('img-Pw-31337'), 'no password in the hover');
    assert.strictEqual((await hoverOn('Dockerfile', text, 'make')).hover, '', 'no hover on RUN');
    assert.deepStrictEqual(calls(log), [], 'a credential helper ran for a hover');
  });

  test('Compose file and Kubernetes manifest: image: values; a registry with no credentials is flagged', async () => {
    const compose = 'services:\n  web:\n    image: ghcr.io/acme/web:1\n  cache:\n    image: "redis:7"\n';
    const web = (await hoverOn('compose.yaml', compose, 'ghcr.io')).hover;
    assert.match(web, /\*\*Image\*\* ghcr.io\/acme\/web:1/);
    assert.match(web, /source: +credHelpers helper "logger"/);
    const redis = (await hoverOn('compose.yaml', compose, 'redis')).hover;
    assert.match(redis, /registry: docker.io/);
    assert.match(redis, /key: +https:\/\/index.docker.io\/v1\//);
    assert.match(redis, /No credentials for this registry: docker pulls anonymously, and a private image fails./);

    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com:5000/team/app:2\n';
    const deployment = (await hoverOn('k8s/deployment.yaml', manifest, 'registry.example.com')).hover;
    assert.match(deployment, /\*\*Image\*\* registry.example.com:5000\/team\/app:2/);
    assert.match(deployment, /source: +auths entry "registry.example.com:5000"/);
    assert.strictEqual((await hoverOn('k8s/deployment.yaml', manifest, 'Deployment')).hover, '', 'no hover on kind');
    assert.deepStrictEqual(calls(log), [], 'a credential helper ran for a hover');
  });

  test('a config below the home folder is named as ~/…', async () => {
    const own = fs.mkdtempSync(path.join(os.homedir(), '.docker-it-'));
    try {
      fs.writeFileSync(path.join(own, 'config.json'), JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('q:quay-Pw-1').toString('base64') } } }), { mode: 0o600 });
      process.env.DOCKER_CONFIG = own;
      const hover = (await hoverOn('home/Dockerfile', 'FROM quay.io/org/tool:2\n', 'quay.io')).hover;
      assert.match(hover, new RegExp(`source: +auths entry "quay.io" in ~/${path.basename(own)}/config.json`));
    } finally {
      process.env.DOCKER_CONFIG = path.dirname(configFile);
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
