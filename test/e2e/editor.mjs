// What the end-to-end tests share: Debian's Chromium and its flags, scripts/start.mjs run as `npm start` runs it, and
// one editor session (temp HOME and state, the editor, the browser, named steps, the clean-up) a test drives.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureCodeServer } from '../../scripts/install-code-server.mjs';
import { pixelsDiffering } from './png.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']; // as test/host/runner.mjs

// The look of the screenshots: dark theme, a steady cursor, no minimap, no count of ports found by chance.
export const VIEWPORT = { width: 1280, height: 800 };
export const SCREENSHOT_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern', 'editor.cursorBlinking': 'solid', 'editor.minimap.enabled': false,
  'workbench.tips.enabled': false, 'editor.fontSize': 14, 'remote.autoForwardPorts': false,
};
const SAME_PIXELS = 40; // at most this many pixels differ: the same picture (a changed character differs in more)

/**
 * Saves the page as media/screenshot-<name>.png for the README. Scroll bars fade in and out on their own time: waits
 * (briefly, it is only looks) until none shows, then takes the picture with transitions finished. A picture that
 * differs from the saved one in a few anti-aliased pixels only is not written, so that runs without a visible change
 * leave media/ alone. `t` is node:test's context (for the note of what was written).
 */
export async function screenshot(t, page, name) {
  const file = path.join(ROOT, 'media', `screenshot-${name}.png`);
  await page.waitForFunction(() => !document.querySelector('.scrollbar.visible > .slider'), undefined, { timeout: 5000 }).catch(() => {});
  const png = await page.screenshot({ animations: 'disabled' });
  const same = existsSync(file) && pixelsDiffering(readFileSync(file), png) <= SAME_PIXELS;
  if (!same) writeFileSync(file, png);
  t.diagnostic(`${same ? 'unchanged' : 'wrote'} ${path.relative(ROOT, file)} (${(png.length / 1024).toFixed(0)} KB)`);
}

export const delay = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value).unref()); // keeps nothing alive
export const since = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Runs scripts/start.mjs as `npm start` would (minus the build, done by npm run test:e2e); resolves once it printed the URL. */
export function startEditor(stateDir, home) {
  const env = { ...process.env, HOME: home };
  delete env.DOCKER_CONFIG;
  delete env.PORT;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--no-build', '--state-dir', stateDir],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const ready = new Promise((resolve, reject) => {
    const check = () => {
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/m.exec(stdout)?.[1];
      const pid = /code-server \(pid (\d+)\)/.exec(stderr)?.[1];
      if (url && pid) resolve({ url, serverPid: Number(pid) });
    };
    child.stdout.on('data', (d) => { stdout += d; check(); });
    child.stderr.on('data', (d) => { stderr += d; check(); });
    exited.then((code) => reject(new Error(`scripts/start.mjs exited (${code}) before printing the URL:\n${stderr}`)));
  });
  return { child, exited, ready, output: () => stderr };
}


/**
 * One end-to-end session for test `t` (node:test's context): installs code-server if needed, makes a temp folder
 * (`dcg-<name>-…`) with a HOME that has no Docker config (npm start opens its copy of the demo) and a state folder
 * whose user settings are `settings`, calls `prepare({ home, tmp })` when given (to write files first, e.g. a Docker
 * config in HOME, which npm start then opens instead of the demo), and runs scripts/start.mjs. Then:
 *   await session.ready()            the URL start.mjs printed (and code-server's process group, for killAll)
 *   await session.open(pageOptions)  headless Chromium on a new page (timeout `waitMs` for everything it waits on)
 *   await session.step(title, fn)    runs one step; a failure names the step and saves test-results/<name>-failure.png
 *   await session.close()            in `finally`: closes the browser, Ctrl+C to npm start, SIGKILL what is left, removes
 *                                    the temp folder
 * `session.browser` and `session.page` are set by open(); a test that closes the browser itself sets browser to undefined.
 */
export function editorSession(t, { name, settings, waitMs, prepare }) {
  ensureCodeServer(); // an install, if one is needed, is not part of the test's steps
  const tmp = mkdtempSync(path.join(os.tmpdir(), `dcg-${name}-`));
  const stateDir = path.join(tmp, 'state');
  const home = path.join(tmp, 'home'); // no .docker/config.json in it: npm start opens the demo
  mkdirSync(path.join(stateDir, 'user-data', 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  prepare?.({ home, tmp });

  const editor = startEditor(stateDir, home);
  const session = { tmp, stateDir, home, editor, serverPid: undefined, browser: undefined, page: undefined };
  const killAll = () => { // last resort, also when this process exits early
    try { editor.child.kill('SIGKILL'); } catch { /* gone */ }
    if (session.serverPid) try { process.kill(-session.serverPid, 'SIGKILL'); } catch { /* gone */ }
  };
  process.on('exit', killAll);
  session.ready = async () => {
    const { url, serverPid } = await editor.ready;
    session.serverPid = serverPid;
    return url;
  };
  session.open = async (pageOptions) => {
    session.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS,
      env: { ...process.env, HOME: home, TMPDIR: tmp }, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    session.page = await session.browser.newPage(pageOptions);
    session.page.setDefaultTimeout(waitMs);
    return session.page;
  };
  session.step = async (title, fn) => {
    const t0 = Date.now();
    try {
      await fn();
    } catch (e) {
      let shot = '';
      if (session.page) {
        const file = path.join(ROOT, 'test-results', `${name}-failure.png`);
        mkdirSync(path.dirname(file), { recursive: true });
        shot = await session.page.screenshot({ path: file }).then(() => ` (page: ${path.relative(ROOT, file)})`, () => '');
      }
      e.message = `${title}: ${e.message}${shot}`;
      throw e;
    }
    t.diagnostic(`${title} (${since(t0)})`);
  };
  session.close = async () => {
    await session.browser?.close().catch(() => {});
    if (editor.child.exitCode === null) {
      editor.child.kill('SIGINT');
      await Promise.race([editor.exited, delay(10_000)]);
    }
    killAll();
    process.off('exit', killAll);
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  };
  return session;
}
