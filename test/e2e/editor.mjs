// What the end-to-end tests share: Debian's Chromium and its flags, and scripts/start.mjs run as `npm start` runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']; // as test/host/runner.mjs

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

