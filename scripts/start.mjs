// npm start [-- --no-build] [-- --state-dir <dir>]: the extension in a real VS Code in your browser.
// Builds the extension (npm run build), makes sure code-server is installed (scripts/install-code-server.mjs), starts
// it on 127.0.0.1 (port from PORT, else a free one) with its own settings and extensions in .vscode-test/start/ (kept
// between runs), and prints the URL that opens the extension from this folder in development mode, on your Docker
// config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json) when one exists, otherwise on a fresh copy of the
// demo config (media/demo, every rule) in .vscode-test/start/demo/. Runs until Ctrl+C, then stops code-server.
// code-server runs with --auth none: anyone who can reach 127.0.0.1 on this machine can use the editor while it runs.
// The exports are used by the end-to-end test (test/e2e/), which runs this script as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install-code-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO = path.join(ROOT, 'media', 'demo');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const note = (msg) => console.error(`[start] ${msg}`);
const show = (p) => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);

/**
 * The folder to open: the user's Docker config folder when it holds a config.json ($DOCKER_CONFIG first, then
 * ~/.docker), else undefined (the caller opens the demo).
 * @returns {{folder: string, file: string} | undefined}
 */
export function userDockerConfig(env = process.env, home = os.homedir()) {
  const dirs = [env.DOCKER_CONFIG && path.resolve(env.DOCKER_CONFIG), home && path.join(home, '.docker')].filter(Boolean);
  for (const folder of dirs) {
    const file = path.join(folder, 'config.json');
    if (existsSync(file)) return { folder, file };
  }
  return undefined;
}

/** Copies media/demo into `stateDir`/demo afresh (so it shows every rule again); returns the folder and the file. */
export function demoCopy(stateDir) {
  const folder = path.join(stateDir, 'demo');
  const file = path.join(folder, '.docker', 'config.json');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(path.join(DEMO, '.docker', 'config.json'), file);
  chmodSync(file, 0o644); // readable by others, as the file-permissions rule expects of the demo
  return { folder, file };
}

/**
 * A link to this folder, in `stateDir`, to load the extension from. Given this folder itself, the workbench would take
 * the built-in themes of .vscode-test/code-server/ (inside it) for themes of the extension in development, show the
 * first of them and ignore workbench.colorTheme.
 */
export function developmentLink(stateDir) {
  const link = path.join(stateDir, 'extension');
  rmSync(link, { force: true });
  symlinkSync(ROOT, link, 'dir');
  return link;
}

/**
 * The editor's URL: opens `folder`, loads the extension at `extensionDevelopmentPath` in development mode and, when
 * given, opens `file`. The payload is the one VS Code's own browser tests use (vscode-remote URIs on this server).
 */
export function editorUrl(port, { folder, file, extensionDevelopmentPath = ROOT }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(p).pathname}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)], ...(file ? [['openFile', remote(file)]] : []),
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Starts code-server in its own process group on 127.0.0.1:`port` (0: a free one) with settings, extensions and
 * its own state in `stateDir`; resolves once it listens.
 * @returns {Promise<{port: number, pid: number, exited: Promise<number|string>, stop: () => Promise<void>}>}
 */
export async function startCodeServer({ stateDir, port = 0, env: extraEnv = {}, log = () => {} }) {
  const codeServer = ensureCodeServer();
  const dir = (...name) => { const d = path.join(stateDir, ...name); mkdirSync(d, { recursive: true }); return d; };
  // A short temp folder of its own: code-server leaves sockets in TMPDIR, and socket paths must stay short.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcg-start-'));
  const env = Object.fromEntries(Object.entries({ ...process.env, ...extraEnv })
    .filter(([k, v]) => v !== undefined && !k.startsWith('VSCODE_') && k !== 'PORT')); // VSCODE_*: a surrounding editor's
  Object.assign(env, {
    TMPDIR: tmp, XDG_CONFIG_HOME: dir('xdg', 'config'), XDG_DATA_HOME: dir('xdg', 'data'), XDG_CACHE_HOME: dir('xdg', 'cache'),
    XDG_STATE_HOME: dir('xdg', 'state'), EXTENSIONS_GALLERY: '{}',
  });
  const args = [codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', path.join(stateDir, 'config.yaml'),
    '--user-data-dir', dir('user-data'), '--extensions-dir', dir('extensions'), '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened'];
  const server = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(path.join(stateDir, 'code-server.log'));
  const lastLines = [];
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? signal)));
  exited.then(() => { logFile.end(); rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }); });
  const listening = await new Promise((resolve) => {
    const onData = (chunk) => {
      logFile.write(chunk);
      log(chunk.toString());
      lastLines.push(...chunk.toString().split('\n').filter(Boolean));
      lastLines.splice(0, lastLines.length - 20);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    exited.then(() => resolve(undefined));
  });
  if (!listening) throw new Error(`code-server exited before listening:\n  ${lastLines.join('\n  ')}`);

  const signalGroup = (signal) => { try { process.kill(-server.pid, signal); } catch { /* gone */ } };
  let stopping;
  const stop = () => stopping ??= (async () => {
    signalGroup('SIGTERM'); // code-server and its extension host, pty host and watchers: one process group
    const killed = setTimeout(() => signalGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(killed);
    signalGroup('SIGKILL'); // children that outlived it
  })();
  return { port: listening, pid: server.pid, exited, stop };
}

async function main() {
  const { values: v } = parseArgs({ options: { 'no-build': { type: 'boolean' },
    'state-dir': { type: 'string', default: path.join(ROOT, '.vscode-test', 'start') } } });
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${process.env.PORT}`);
  if (!v['no-build']) {
    note('npm run build');
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  const stateDir = path.resolve(v['state-dir']);
  mkdirSync(stateDir, { recursive: true });
  const user = userDockerConfig();
  const open = user ?? demoCopy(stateDir);
  note(user ? `opening your Docker config: ${user.file}` : `no Docker config found ($DOCKER_CONFIG/config.json, ~/.docker/config.json): opening the demo, ${show(open.file)}`);

  let stopRequested;
  const requested = new Promise((resolve) => { stopRequested = resolve; });
  const onSignal = (signal) => stopRequested(signal);
  for (const s of SIGNALS) process.on(s, onSignal); // from here on, Ctrl+C stops code-server before leaving

  const server = await startCodeServer({ stateDir, port });
  note(`code-server (pid ${server.pid}) listening on 127.0.0.1:${server.port}; settings and logs in ${show(stateDir)}/`);
  console.error('\nOpen this URL in your browser (the extension is loaded from this folder in development mode):\n');
  console.log(editorUrl(server.port, { ...open, extensionDevelopmentPath: developmentLink(stateDir) }));
  console.error('\nPress Ctrl+C to stop.');

  const how = await Promise.race([requested.then((signal) => ({ signal })), server.exited.then((code) => ({ code }))]);
  if ('signal' in how) {
    note(`${how.signal}: stopping code-server`);
    await server.stop();
    return 0;
  }
  note(`code-server exited on its own (${how.code}); see ${show(path.join(stateDir, 'code-server.log'))}`);
  await server.stop();
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (e) => { note(e.message); process.exit(1); });
}
