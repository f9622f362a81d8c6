// Scripted fake credential helpers, written to a temp dir at test time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYSTEM_PATH } from './system-path';

export interface FakeHelperDir {
  dir: string;
  /** Write `docker-credential-<name>` as a /bin/sh script with `body` (action in $1). */
  write(name: string, body: string): string;
  /** PATH with this dir first, then the system directories only (never the host's PATH). */
  path: string;
  cleanup(): void;
}

export function fakeHelperDir(): FakeHelperDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-fake-helpers-'));
  return {
    dir,
    path: [dir, SYSTEM_PATH].join(path.delimiter),
    write(name, body) {
      const file = path.join(dir, `docker-credential-${name}`);
      fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return file;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
