// Runs a mocha tests entry (a CommonJS module exporting run()) in the extension host of a real VS Code:
// code-server 4.100.3 with headless Chromium as its window, everything isolated in a temp folder.
//   node test/host/runner.mjs --extension-tests <entry.js> [--workspace <folder>] [--untrusted] [--timeout <s>]
//        [--extension-development-path <dir>] [--verbose]
// --untrusted keeps workspace trust on (the folder opens untrusted); --verbose also shows code-server's and the
// workbench's own logs. Exits 0 only when test/host/wrapper.js recorded that the entry's run() resolved.
// How and why (and the traps it guards against): docs/editor-tests.md.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureCodeServer } from '../../scripts/install-code-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const LOG_MARK = '<ext-host> '; // wrapper.js starts each line of the extension host's console with it
export const DEFAULT_TIMEOUT_S = 600;
/** The suite's own credential helpers (`docker-credential-dcg-store`, ...), first on the host's explicit PATH. */
export const SUITE_HELPERS = path.join(HERE, 'helpers');
/** The system directories on that PATH: Debian's packages (pass, gpg, docker-credential-pass), never /usr/local. */
export const SYSTEM_PATH = ['/usr/bin', '/bin'];

const note = (msg) => console.error(`[host] ${msg}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one tests entry; resolves to the exit code: 0 when run() resolved, 128+n when stopped by a signal, else 1.
 * @param {{extensionTests: string, workspace?: string, extensionDevelopmentPath?: string, untrusted?: boolean,
 *   timeoutS?: number, verbose?: boolean}} o
 */
export async function runHost(o) {
  const started = Date.now();
  const timeoutS = o.timeoutS ?? DEFAULT_TIMEOUT_S;
  if (!o.extensionTests) throw new Error('no tests entry given');
  const testsEntry = path.resolve(o.extensionTests);
  const workspace = o.workspace && path.resolve(o.workspace); // none: an empty window
  const extensionDevelopmentPath = path.resolve(o.extensionDevelopmentPath ?? ROOT);
  for (const p of [testsEntry, workspace ?? ROOT, extensionDevelopmentPath]) if (!existsSync(p)) throw new Error(`not found: ${p}`);
  if (!(timeoutS > 0)) throw new Error(`not a time limit in seconds: ${o.timeoutS}`);
  if (!CHROMIUM) throw new Error('Chromium not found (apt-get install chromium)');
  const codeServer = ensureCodeServer();

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcg-host-'));
  const dir = (name) => { const d = path.join(tmp, name); mkdirSync(d, { recursive: true }); return d; };
  const resultFile = path.join(tmp, 'result.json');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_'))); // e.g. a surrounding editor's IPC hook
  // An explicit PATH, not the caller's: a directory with `node` only, the suite's own helpers, the Debian system
  // directories. What a fixture finds on PATH is then the same on every machine.
  const bin = dir('bin');
  symlinkSync(process.execPath, path.join(bin, 'node'));
  Object.assign(env, {
    PATH: [bin, SUITE_HELPERS, ...SYSTEM_PATH].join(path.delimiter),
    // and the extension host keeps it: VS Code resolves a login shell's environment on top of its own (PATH from
    // /etc/profile) unless launched from its CLI; code-server has no --force-disable-user-env
    VSCODE_CLI: '1',
    HOME: dir('home'), TMPDIR: dir('tmp'), XDG_CONFIG_HOME: dir('xdg/config'), XDG_DATA_HOME: dir('xdg/data'),
    XDG_CACHE_HOME: dir('xdg/cache'), XDG_STATE_HOME: dir('xdg/state'), XDG_RUNTIME_DIR: dir('xdg/runtime'),
    EXTENSIONS_GALLERY: '{}', DCG_TESTS_ENTRY: testsEntry, DCG_TESTS_RESULT: resultFile, DCG_TESTS_LOG_MARK: LOG_MARK,
  });

  // The run ends at the first of: the workbench's codeAutomationExit, the time limit, a signal, code-server or the
  // page going away, an error while starting.
  let outcome, finish;
  const ended = new Promise((resolve) => { finish = (o) => { outcome ??= o; resolve(); }; });
  const timer = setTimeout(() => finish({ timeout: true }), timeoutS * 1000);
  const onSignal = (signal) => { note(`${signal}: stopping`); finish({ signal }); };
  for (const s of SIGNALS) process.on(s, onSignal);
  let server, browser;
  const killServer = () => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* not started or gone */ } };
  const onExit = () => { killServer(); rmSync(tmp, { recursive: true, force: true }); }; // exited without cleaning up
  process.on('exit', onExit);

  const counts = { passed: 0, failed: 0, pending: 0 };
  const serverLog = []; // the last lines, shown when code-server fails
  const start = async () => {
    const args = [codeServer, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--config', path.join(tmp, 'config.yaml'),
      '--user-data-dir', dir('user-data'), '--extensions-dir', dir('extensions'), '--disable-telemetry',
      '--disable-update-check', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
      ...(o.untrusted ? [] : ['--disable-workspace-trust'])];
    server = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }); // own process group
    server.on('exit', (code, signal) => finish({ serverExit: code ?? signal }));
    const logFile = createWriteStream(path.join(tmp, 'code-server.log'));
    const port = await new Promise((resolve) => {
      const onData = (chunk) => {
        logFile.write(chunk);
        if (o.verbose) process.stderr.write(chunk);
        serverLog.push(...chunk.toString().split('\n').filter(Boolean));
        serverLog.splice(0, serverLog.length - 30);
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString());
        if (m) resolve(Number(m[1]));
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
    });
    note(`code-server on 127.0.0.1:${port} (${seconds(started)})`);

    browser = chromium.launchPersistentContext(dir('chromium'), {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, env,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
    const context = await browser;
    const page = context.pages()[0] ?? await context.newPage();
    page.on('crash', () => finish({ pageGone: 'crashed' }));
    page.on('close', () => finish({ pageGone: 'closed' }));
    // Both the extension host's console (marked by wrapper.js: mocha's report) and the workbench's log arrive here.
    await page.exposeFunction('codeAutomationLog', (level, logArgs) => {
      const text = format(...logArgs);
      if (!text.startsWith(LOG_MARK)) {
        if (o.verbose || level === 'error') console.error(`[workbench] ${text}`);
        return;
      }
      const line = text.slice(LOG_MARK.length);
      for (const m of line.matchAll(/^\s*(\d+) (passing|failing|pending)\b/gm)) {
        counts[{ passing: 'passed', failing: 'failed', pending: 'pending' }[m[2]]] = Number(m[1]);
      }
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ exit: code }));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(p).pathname}`;
    const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(path.join(HERE, 'wrapper.js'))], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    const folder = workspace ? `folder=${encodeURIComponent(workspace)}&` : '';
    await page.goto(`http://127.0.0.1:${port}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const where = workspace ? path.relative(process.cwd(), workspace) || '.' : 'no folder';
    note(`workbench open on ${where}${o.untrusted ? ' (untrusted)' : ''}, running ${path.relative(process.cwd(), testsEntry)}`);
  };
  start().catch((e) => finish({ error: e.message })); // a step left hanging fails once the run has ended
  await ended;

  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  const failure = verdict(outcome, result, timeoutS);
  if (outcome.error || 'serverExit' in outcome) console.error(`code-server log (last lines):\n  ${serverLog.join('\n  ')}`);

  clearTimeout(timer);
  await Promise.race([browser?.then((c) => c.close()).catch(() => {}), sleep(5000)]);
  killServer();
  rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  process.off('exit', onExit);
  for (const s of SIGNALS) process.off(s, onSignal);

  // The last line is the plain 'name: N passed, N failed[, N skipped]' that CI reads.
  const name = path.basename(path.dirname(testsEntry));
  note(`${name}: ${failure ? `FAILED: ${failure}` : 'run() resolved'} after ${seconds(started)}`);
  console.log(`${name}: ${counts.passed} passed, ${counts.failed + (failure && counts.failed === 0 ? 1 : 0)} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`);
  if (!failure) return 0;
  return outcome.signal ? 128 + os.constants.signals[outcome.signal] : 1;
}

/** Why the run failed, or undefined when it passed: only wrapper.js's record of run() resolving counts. */
function verdict(outcome, result, timeoutS) {
  if (outcome.timeout) return `timed out after ${timeoutS} s`;
  if (outcome.signal) return `stopped by ${outcome.signal}`;
  if (outcome.error) return outcome.error;
  if (result?.status === 'failed') return `run() rejected: ${result.error.split('\n')[0]}`;
  if (result?.status !== 'passed') {
    if ('serverExit' in outcome) return `code-server exited (${outcome.serverExit})`;
    if (outcome.pageGone) return `the browser page ${outcome.pageGone}`;
    return `the extension host ended before run() settled (process.exit, crash or kill), though the workbench reported exit code ${outcome.exit}`;
  }
  if (outcome.exit !== 0) return `run() resolved, but the workbench reported exit code ${outcome.exit}`;
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: v } = parseArgs({
    options: {
      'extension-tests': { type: 'string' }, workspace: { type: 'string' }, 'extension-development-path': { type: 'string' },
      untrusted: { type: 'boolean' }, timeout: { type: 'string' }, verbose: { type: 'boolean' },
    },
  });
  if (!v['extension-tests']) {
    console.error('usage: runner.mjs --extension-tests <entry.js> [--workspace <folder>] [--untrusted] [--timeout <s>]' +
      ' [--extension-development-path <dir>] [--verbose]');
    process.exit(2);
  }
  runHost({
    extensionTests: v['extension-tests'], workspace: v.workspace, extensionDevelopmentPath: v['extension-development-path'],
    untrusted: v.untrusted, verbose: v.verbose, timeoutS: v.timeout === undefined ? undefined : Number(v.timeout),
  }).then((code) => process.exit(code), (e) => { note(e.message); process.exit(1); });
}
