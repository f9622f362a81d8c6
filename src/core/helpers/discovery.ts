// Finding credential helpers on PATH. Nothing here runs a helper: these are file checks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { helperExecutable, validateHelperName } from '../docker/helperNames';

export interface InstalledHelper {
  /** The `<name>` of `docker-credential-<name>`. */
  name: string;
  /** Absolute path of the executable (the first one on PATH). */
  path: string;
  /** False for helpers that only generate tokens and cannot store a secret. */
  canStore: boolean;
}

/**
 * Helpers that generate tokens on `get` and answer `store`/`erase` with "not implemented"
 * (cloud registries' helpers). Never offer them as a place to move a secret into.
 */
export const TOKEN_ONLY_HELPERS: readonly string[] = [
  'ecr-login', // amazon-ecr-credential-helper
  'gcr', // docker-credential-gcr
  'gcloud', // gcloud auth configure-docker
  'acr-env', // Azure docker-credential-acr-env
  'acr-linux', // older Azure ACR helpers
  'acr-darwin',
  'acr-windows',
  'env', // docker-credential-env: reads environment variables
];

function baseName(name: string): string {
  return name.toLowerCase().replace(/\.(exe|cmd|bat)$/, '');
}

/** Whether helper `name` can hold a secret (`store`); false for token-only helpers. */
export function canStore(name: string): boolean {
  return !TOKEN_ONLY_HELPERS.includes(baseName(name));
}

type Env = Record<string, string | undefined>;

function pathDirs(env: Env): string[] {
  const raw = env.PATH ?? env.Path ?? '';
  // Relative entries (including "" = cwd) are skipped: docker (Go's exec.LookPath) refuses
  // executables found through them.
  return raw.split(path.delimiter).filter((d) => d !== '' && path.isAbsolute(d));
}

function executableSuffixes(env: Env): string[] {
  if (process.platform !== 'win32') return [''];
  return (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean).map((e) => e.toLowerCase());
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of the program `base` as Go's exec.LookPath finds it on PATH, or null. */
function findOnPath(base: string, env: Env): string | null {
  for (const dir of pathDirs(env)) {
    for (const ext of executableSuffixes(env)) {
      const file = path.join(dir, base + ext);
      if (isExecutableFile(file)) return file;
    }
  }
  return null;
}

/** Absolute path of `docker-credential-<name>` as docker would find it on PATH, or null. */
export function findHelperOnPath(name: string, env: Env = process.env): string | null {
  return validateHelperName(name) === null ? findOnPath(helperExecutable(name), env) : null;
}

/**
 * docker/cli `DetectDefaultStore`: the helper docker uses when the file has no auth settings at
 * all. On Linux `pass` when the `pass` program is on PATH, else `secretservice`; either only when
 * its helper is on PATH.
 */
export function detectDefaultStore(env: Env = process.env): string | undefined {
  const store =
    process.platform === 'darwin' ? 'osxkeychain' : process.platform === 'win32' ? 'wincred' : findOnPath('pass', env) ? 'pass' : 'secretservice';
  return isHelperOnPath(store, env) ? store : undefined;
}

/** Whether docker would find helper `name` on PATH (a file check; nothing is run). */
export function isHelperOnPath(name: string, env: Env = process.env): boolean {
  return findHelperOnPath(name, env) !== null;
}

/** All `docker-credential-*` executables on PATH, in PATH order, first occurrence of each name. */
export function findInstalledHelpers(env: Env = process.env): InstalledHelper[] {
  const found = new Map<string, InstalledHelper>();
  const prefix = helperExecutable('');
  const suffixes = executableSuffixes(env);
  for (const dir of pathDirs(env)) {
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      if (!entry.startsWith(prefix)) continue;
      let name = entry.slice(prefix.length);
      if (process.platform === 'win32') {
        const ext = suffixes.find((e) => name.toLowerCase().endsWith(e));
        if (!ext) continue;
        name = name.slice(0, -ext.length);
      }
      const key = process.platform === 'win32' ? name.toLowerCase() : name;
      if (found.has(key) || validateHelperName(name) !== null) continue;
      const file = path.join(dir, entry);
      if (!isExecutableFile(file)) continue;
      found.set(key, { name, path: file, canStore: canStore(name) });
    }
  }
  return [...found.values()];
}

/** Installed helpers that can store a secret: the only ones to offer as a destination. */
export function findStorageHelpers(env: Env = process.env): InstalledHelper[] {
  return findInstalledHelpers(env).filter((h) => h.canStore);
}

/**
 * This machine's facts for helper-not-found (src/core/rules/types.ts HostFacts): the platform, WSL and
 * whether its Windows interop is on (the WSLInterop binfmt entry, docker/for-win#9061), the store helpers on PATH.
 */
export function hostFacts(env: Env = process.env): { platform: string; readonly wsl?: { interop: boolean }; readonly storeHelpers: string[] } {
  // Each fact is looked up when a rule first reads it (most files never need them: listing every PATH directory
  // would cost a one-file `check` and the editor's first lint part of their start), then kept.
  let storeHelpers: string[] | undefined;
  let wsl: { interop: boolean } | undefined | null = null;
  return {
    platform: process.platform,
    get storeHelpers() {
      return (storeHelpers ??= findStorageHelpers(env).map((h) => h.name));
    },
    get wsl() {
      return wsl === null ? (wsl = wslFacts()) : wsl;
    },
  };
}

function wslFacts(): { interop: boolean } | undefined {
  if (process.platform !== 'linux') return undefined;
  let release = '';
  try {
    release = fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8');
  } catch { /* not Linux's /proc */ }
  if (!/microsoft|wsl/i.test(release)) return undefined;
  return { interop: ['/proc/sys/fs/binfmt_misc/WSLInterop', '/proc/sys/fs/binfmt_misc/WSLInterop-late'].some((f) => fs.existsSync(f)) };
}

/** isHelperOnPath asked once per name (each lookup walks every PATH directory): one per run, or until PATH may have changed. */
export function helperOnPathOnce(env: Env = process.env): (name: string) => boolean {
  const found = new Map<string, boolean>();
  return (name) => {
    let on = found.get(name);
    if (on === undefined) found.set(name, (on = isHelperOnPath(name, env)));
    return on;
  };
}
