// End to end, the features that answer "do my credentials work, and where do they go" (issue 13), as a person uses
// them in code-server: `npm start` on a user's Docker config (in a temp HOME) with a login for the real distribution
// registry (Debian docker-registry, htpasswd user, plain HTTP on 127.0.0.1, which Test Login allows on loopback only).
//   - the "Test login" code lens on the registry key; a click tests the login against the registry: ok;
//   - F1 "Export a Kubernetes Pull Secret…": registry, name, save dialog; the Secret written (0600) and opened;
//   - a Dockerfile of a project: the hover on a FROM image says where docker takes its credentials from.
// Saves media/screenshot-verify.png, media/screenshot-export.png and media/screenshot-images.png (the README shows
// them; written only when visibly different). Every step waits on the page's real state, never on a fixed time.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { delay, editorSession, screenshot, SCREENSHOT_SETTINGS, since, VIEWPORT } from './editor.mjs';

const WAIT_MS = 60_000;
const USER = 'alice';
const PASSWORD = 'e2e-Pa55-w0rd';
const TOOLS_ENV = { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), LANG: 'C' };
const NEUTRAL = { x: 1000, y: 17 }; // the empty part of the title bar: no hover, no scroll bar

/** Whether a TCP port on 127.0.0.1 can be listened on now. */
const portFree = (port) => new Promise((resolve) => {
  const s = net.createServer().once('error', () => resolve(false));
  s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
});
const accepts = (port) => new Promise((resolve) => {
  const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
  s.on('error', () => resolve(false));
});

/**
 * The real distribution registry on 127.0.0.1 with one htpasswd user, over plain HTTP. Port 5000 (its usual one, so
 * that the screenshots stay the same between runs) or the next free one up to 5009, else any free port.
 */
async function startRegistry(dir) {
  for (const tool of ['/usr/bin/docker-registry', '/usr/bin/htpasswd']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y docker-registry apache2-utils (node scripts/system-packages.mjs e2e)`);
  }
  const htpasswd = path.join(dir, 'htpasswd');
  writeFileSync(htpasswd, execFileSync('/usr/bin/htpasswd', ['-Bbn', USER, PASSWORD], { env: TOOLS_ENV, encoding: 'utf8' }));
  let port = 0;
  for (let p = 5000; p < 5010 && !port; p++) if (await portFree(p)) port = p;
  if (!port) {
    const s = net.createServer();
    port = await new Promise((resolve) => s.listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); }));
  }
  const config = path.join(dir, 'registry.yml');
  writeFileSync(config, `version: 0.1\nlog: {level: warn}\nstorage: {filesystem: {rootdirectory: ${dir}/data}}\n` +
    `http: {addr: 127.0.0.1:${port}, secret: e2e-only}\nauth:\n  htpasswd: {realm: e2e, path: ${htpasswd}}\n`);
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { env: TOOLS_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  for (const deadline = Date.now() + WAIT_MS; !(await accepts(port)); await delay(50)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`docker-registry did not start: ${output.slice(-2000)}`);
  }
  return { port, output: () => output, stop: () => void (child.exitCode === null && child.kill('SIGKILL')) };
}

test('end to end in code-server: Test login on the real registry, export a pull secret, the image hover', { timeout: 400_000 }, async (t) => {
  const started = Date.now();
  const regDir = mkdtempSync(path.join(os.tmpdir(), 'dcg-e2e-registry-'));
  const registry = await startRegistry(regDir);
  const host = `127.0.0.1:${registry.port}`;
  const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  let configDir, project;
  const session = editorSession(t, {
    name: 'features', settings: SCREENSHOT_SETTINGS, waitMs: WAIT_MS,
    prepare: ({ home }) => {
      configDir = path.join(home, '.docker');
      mkdirSync(configDir);
      writeFileSync(path.join(configDir, 'config.json'), `{\n\t"auths": {\n\t\t"${host}": {\n\t\t\t"auth": "${auth}"\n\t\t}\n\t}\n}\n`, { mode: 0o600 });
      project = path.join(home, 'src', 'shop');
      mkdirSync(project, { recursive: true });
      writeFileSync(path.join(project, 'Dockerfile'),
        `# syntax=docker/dockerfile:1\nFROM ${host}/team/build-base:1.4 AS build\nWORKDIR /src\nCOPY . .\nRUN make\n\n` +
        'FROM alpine:3.20\nCOPY --from=build /src/out/shop /usr/local/bin/shop\nENTRYPOINT ["shop"]\n');
    },
  });
  const { step } = session;
  let page;
  try {
    const url = await session.ready();
    assert.ok(url.includes(`folder=${encodeURIComponent(configDir)}&payload=`), `npm start opens the user's config: ${url}`);
    page = await session.open({ viewport: VIEWPORT, colorScheme: 'dark' });
    const editorLines = page.locator('.editor-instance .monaco-editor .view-lines');
    const activeTab = page.locator('.tabs-container .tab.active');
    const quickInput = page.locator('.quick-input-widget');
    const toasts = page.locator('.notifications-toasts .notification-toast');
    const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'Test login' });
    // Only looks: the progress toast and the status bar's "Activating Extensions…" go a moment after the work is done.
    const settled = async () => {
      await toasts.filter({ hasText: 'Testing the login against the registry' }).waitFor({ state: 'detached' });
      const t0 = Date.now();
      await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached' })
        .then(() => t.diagnostic(`status bar settled in ${since(t0)}`), () => t.diagnostic('the status bar still says "Activating Extensions…"'));
      await page.mouse.move(NEUTRAL.x, NEUTRAL.y);
    };
    const command = async (title) => {
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      await page.keyboard.type(title);
      await quickInput.locator('.monaco-list-row', { hasText: title }).first().click();
    };

    await step('npm start opens the user\'s config: a Test login lens on the registry key, nothing sent yet', async () => {
      await page.goto(url);
      await activeTab.filter({ hasText: 'config.json' }).waitFor();
      await editorLines.filter({ hasText: host }).waitFor();
      await lens.first().waitFor();
      assert.equal(await lens.count(), 1, 'one lens: one registry key');
      assert.doesNotMatch(registry.output(), /GET \/v2\//, 'nothing is sent to the registry before the click');
    });

    await step('click "Test login": the registry accepts the login', async () => {
      await lens.first().click();
      const result = toasts.filter({ hasText: `${host}: ok (auths, ${USER})` });
      await result.waitFor();
      assert.match(registry.output(), /"GET \/v2\/ HTTP\/1\.1" 200/, 'the real registry answered 200 to the login');
      const text = await result.innerText();
      assert.ok(!text.includes(PASSWORD) && !text.includes(auth), `no secret in the message: ${text}`);
      await settled();
      await screenshot(t, page, 'verify');
    });

    await step('F1 "Export a Kubernetes Pull Secret…": registry, name, save; the Secret is written 0600 and opened', async () => {
      await command('Notifications: Clear All Notifications');
      await toasts.first().waitFor({ state: 'detached' });
      await command('Docker Config Guard: Export a Kubernetes Pull Secret');
      await quickInput.filter({ hasText: 'Registries, separated by spaces' }).waitFor();
      await page.keyboard.type(host);
      await page.keyboard.press('Enter');
      await quickInput.filter({ hasText: 'Name of the Secret' }).waitFor(); // "regcred" is filled in
      await page.keyboard.press('Enter');
      await quickInput.filter({ hasText: 'Save the pull secret (mode 0600)' }).waitFor(); // the workspace folder, regcred.yaml
      await page.keyboard.press('Enter');
      const file = path.join(configDir, 'regcred.yaml');
      await toasts.filter({ hasText: `Wrote the Secret "regcred" to ~/.docker/regcred.yaml (mode 0600) for ${host}: ${USER}` }).waitFor();
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const yaml = readFileSync(file, 'utf8');
      assert.match(yaml, /^apiVersion: v1\nkind: Secret\nmetadata:\n {2}name: regcred\ntype: kubernetes\.io\/dockerconfigjson\ndata:\n {2}\.dockerconfigjson: (\S+)\n$/);
      const config = JSON.parse(Buffer.from(/\.dockerconfigjson: (\S+)/.exec(yaml)[1], 'base64').toString('utf8'));
      assert.deepEqual(config, { auths: { [host]: { username: USER, password: PASSWORD, auth } } });
      await page.keyboard.press('Control+P');
      await quickInput.waitFor();
      await page.keyboard.type('regcred.yaml');
      await quickInput.locator('.monaco-list-row', { hasText: 'regcred.yaml' }).first().waitFor();
      await page.keyboard.press('Enter');
      await activeTab.filter({ hasText: 'regcred.yaml' }).waitFor();
      await editorLines.filter({ hasText: 'kubernetes.io/dockerconfigjson' }).waitFor();
      // Checked like any pull secret manifest: a plaintext secret, do not commit it (the squiggle on the value).
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached' });
      await settled();
      await screenshot(t, page, 'export');
    });

    await step('a project\'s Dockerfile: the hover on a FROM image says where docker takes its credentials from', async () => {
      const u = new URL(url);
      const remote = (p) => `vscode-remote://${u.host}${pathToFileURL(p).pathname}`;
      const payload = JSON.parse(u.searchParams.get('payload')).filter(([k]) => k !== 'openFile');
      u.searchParams.set('folder', project);
      u.searchParams.set('payload', JSON.stringify([...payload, ['openFile', remote(path.join(project, 'Dockerfile'))]]));
      await page.goto(u.toString());
      await activeTab.filter({ hasText: 'Dockerfile' }).waitFor();
      const image = editorLines.locator('span span', { hasText: 'build-base' }).first();
      await image.waitFor();
      const hover = page.locator('.monaco-hover', { hasText: 'source:' });
      // The extension may still be starting after the reload: hover again until its answer shows.
      for (const deadline = Date.now() + WAIT_MS; !(await hover.isVisible()); await delay(250)) {
        assert.ok(Date.now() < deadline, 'no image hover');
        await page.mouse.move(NEUTRAL.x, NEUTRAL.y);
        await image.hover();
        await hover.waitFor({ timeout: 2000 }).catch(() => {});
      }
      const text = await hover.innerText();
      const lines = [`Image ${host}/team/build-base:1.4`, `registry: ${host}`, `source: auths entry "${host}" in ~/.docker/config.json`, `username: ${USER}`];
      for (const line of lines) assert.ok(text.replace(/[ \t]+/g, ' ').includes(line), `"${line}" not in the hover: ${text}`);
      assert.ok(!text.includes(PASSWORD), 'no password in the hover');
      await screenshot(t, page, 'images');
    });
    t.diagnostic(`all steps in ${since(started)}`);
  } finally {
    await session.close();
    registry.stop();
    rmSync(regDir, { recursive: true, force: true });
  }
});
