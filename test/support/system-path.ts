// The PATH a test gives its children: the Debian system directories and nothing else, so what a test finds on PATH
// (docker-credential-pass, pass, gpg from the packages scripts/system-packages.mjs installs) is the same on every
// machine; never /usr/local/bin, ~/.local/bin or whatever else the host has before them. A test that needs a
// helper of its own puts a directory it owns in front (test/support/fake-helper.ts).
import * as path from 'node:path';

export const SYSTEM_DIRS: readonly string[] = ['/usr/bin', '/bin'];
export const SYSTEM_PATH = SYSTEM_DIRS.join(path.delimiter);
