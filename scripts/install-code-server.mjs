// Installs the pinned code-server (a VS Code 1.100 server build) into .vscode-test/code-server/, from the npm
// registry only, when it is missing. The steps and their reasons: docs/editor-tests.md (code-server's own install
// script, done here by hand: ci/build/npm-postinstall.sh in coder/code-server).
//   node scripts/install-code-server.mjs          install if missing, print the entry path
// Also used by test/host/runner.mjs through ensureCodeServer().
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUITE_PACKAGES, ensureSystemPackages } from './system-packages.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = path.join(ROOT, '.vscode-test', 'code-server');
const PACKAGE = path.join(PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(PACKAGE, 'out', 'node', 'entry.js');
// Debian packages: a browser for the window, compilers and headers for the native modules, rg for search.
export const SYSTEM_PACKAGES = SUITE_PACKAGES.editor;

const log = (msg) => console.error(`[code-server] ${msg}`);

function installedVersion() {
  if (!existsSync(CODE_SERVER_ENTRY)) return undefined;
  // On a first start code-server writes a default config into XDG_CONFIG_HOME (and says so on stdout).
  const home = path.join(PREFIX, 'home');
  const env = { ...process.env, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };
  const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { encoding: 'utf8', timeout: 60_000, env });
  return r.status === 0 ? /^(\d+\.\d+\.\d+) /m.exec(r.stdout)?.[1] : undefined;
}

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-40).join('\n')}`);
  }
}

function install() {
  const nodedir = path.resolve(path.dirname(process.execPath), '..');
  if (!existsSync(path.join(nodedir, 'include', 'node', 'node.h'))) {
    throw new Error(`no Node headers in ${nodedir}/include/node; native modules cannot be built offline`);
  }
  // node-gyp must use the local headers (it would download them), npx must not prompt, and the code-server
  // package's own dependencies get their install scripts run (that is its own postinstall's job, done by hand).
  const env = { npm_config_nodedir: nodedir, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const npm = (args, cwd, extra = {}) => run('npm', args, cwd, { ...env, ...extra });
  const vscode = path.join(PACKAGE, 'lib', 'vscode');

  rmSync(PREFIX, { recursive: true, force: true }); // a half-finished install is started over
  mkdirSync(PREFIX, { recursive: true });
  // Its own package.json, so npm does not take the project above as the place to install into.
  writeFileSync(path.join(PREFIX, 'package.json'), '{ "private": true }\n');
  const steps = [
    ['npm install code-server (scripts off: they download from GitHub)', () => npm(['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], PREFIX)],
    ['build argon2 from source', () => npm(['rebuild', 'argon2'], PREFIX, { npm_config_build_from_source: 'true' })],
    ['install VS Code dependencies', () => npm(['install', '--omit=dev', '--ignore-scripts'], vscode)],
    ['build native modules (with the system rg)', () => {
      // With the binary in place, @vscode/ripgrep's install script skips its download.
      const rg = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
      mkdirSync(path.dirname(rg), { recursive: true });
      copyFileSync('/usr/bin/rg', rg);
      npm(['rebuild'], vscode);
    }],
    ['links of postinstall.sh', () => {
      run('ln', ['-sfn', 'node_modules', 'node_modules.asar'], vscode);
      run('ln', ['-sfn', 'code-linux.sh', 'bin/remote-cli/code-server'], vscode);
      run('ln', ['-sfn', 'browser-linux.sh', 'bin/helpers/browser.sh'], vscode);
    }],
    ['install built-in extensions\' dependencies', () => npm(['install', '--omit=dev'], path.join(vscode, 'extensions'))],
  ];
  for (const [name, step] of steps) {
    const t = Date.now();
    step();
    log(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** Makes sure the system packages and code-server are there; returns the path of code-server's entry.js. */
export function ensureCodeServer() {
  ensureSystemPackages(SYSTEM_PACKAGES);
  const found = installedVersion();
  if (found === CODE_SERVER_VERSION) return CODE_SERVER_ENTRY;
  log(found ? `found ${found}, installing ${CODE_SERVER_VERSION}` : `installing ${CODE_SERVER_VERSION} into ${path.relative(ROOT, PREFIX)}/`);
  const t = Date.now();
  install();
  const now = installedVersion();
  if (now !== CODE_SERVER_VERSION) throw new Error(`after installing, entry.js --version says ${now ?? 'nothing'}`);
  log(`installed in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return CODE_SERVER_ENTRY;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureCodeServer());
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
}
