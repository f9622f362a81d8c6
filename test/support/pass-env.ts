// A throwaway `pass` store for the real docker-credential-pass: a passphrase-less GPG key in a
// temp GNUPGHOME and `pass init` into a temp PASSWORD_STORE_DIR. Fails loudly when the Debian
// packages (golang-docker-credential-helpers, pass, gnupg) are missing: these tests never skip.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { HelperClient, helperClient } from '../../src/core';
import { SYSTEM_PATH } from './system-path';

export interface PassEnv {
  /** Environment to run docker-credential-pass with. */
  env: Record<string, string>;
  root: string;
  storeDir: string;
  cleanup(): void;
}

const REQUIRED = ['docker-credential-pass', 'pass', 'gpg', 'gpgconf'];

function which(cmd: string): string | null {
  for (const dir of SYSTEM_PATH.split(path.delimiter)) {
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch { /* next */ }
  }
  return null;
}

export function requirePassTools(): void {
  const missing = REQUIRED.filter((c) => which(c) === null);
  if (missing.length) {
    throw new Error(
      `real credential-helper tests need ${missing.join(', ')} in ${SYSTEM_PATH}; ` +
        'install them with: apt-get install -y golang-docker-credential-helpers pass gnupg',
    );
  }
}

/** Create the key and (unless `init` is false) initialise the store. */
export function createPassEnv(opts: { init?: boolean } = {}): PassEnv {
  requirePassTools();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-pass-'));
  const gnupgHome = path.join(root, 'gnupg');
  const storeDir = path.join(root, 'store');
  const home = path.join(root, 'home');
  fs.mkdirSync(gnupgHome, { mode: 0o700 });
  fs.mkdirSync(home, { mode: 0o700 });
  const env: Record<string, string> = {
    PATH: SYSTEM_PATH, // not the host's PATH: Debian's packages only
    HOME: home,
    GNUPGHOME: gnupgHome,
    PASSWORD_STORE_DIR: storeDir,
    LANG: 'C',
  };
  const cleanup = (): void => {
    try {
      execFileSync('gpgconf', ['--kill', 'all'], { env, stdio: 'ignore' });
    } catch { /* agent not running */ }
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    if (opts.init !== false) {
      execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '',
        '--quick-gen-key', 'Docker Config Guard test <dcg-test@example.invalid>', 'future-default', 'default', 'never'],
      { env, stdio: 'pipe' });
      const colons = execFileSync('gpg', ['--batch', '--list-keys', '--with-colons'], { env, encoding: 'utf8' });
      const fpr = colons.split('\n').find((l) => l.startsWith('fpr:'))?.split(':')[9];
      if (!fpr) throw new Error('gpg created no key');
      execFileSync('pass', ['init', fpr], { env, stdio: 'pipe' });
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  return { env, root, storeDir, cleanup };
}

/** For a test file: a throwaway store made before its tests (`ready` gets it and a helper client on it), removed after them. */
export function withPassStore(ready: (pass: PassEnv, client: HelperClient) => void): void {
  let pass: PassEnv | undefined;
  before(() => {
    pass = createPassEnv();
    // One client serves every test of the file: its overall limit (30 s by default, for one user action) would
    // cover the whole file, so a slow machine would fail later tests with "not started"; give it the file's time.
    ready(pass, helperClient({ env: pass.env, totalTimeoutMs: 10 * 60 * 1000 }));
  });
  after(() => pass?.cleanup());
}
