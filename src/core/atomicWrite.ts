/**
 * Saving a config file the way `docker login` does: a temp file in the same directory with the
 * old file's mode (and owner, where allowed), flushed, then renamed over the file. A symlink stays
 * a symlink: its target is replaced. Readers never see a half-written file, and a process killed
 * at any point leaves the old file whole.
 *
 * With `expected`, the file is compared byte for byte with what the caller read twice: before
 * anything is written, and again after the flush, right before the rename (both synchronous, so
 * nothing runs in between). Another writer (a `docker login`) that saved meanwhile keeps its file.
 * The window left is the compare and the rename themselves; docker takes no lock either.
 */
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from './l10n';

/** Thrown when the file no longer holds what the caller read (or never held it as UTF-8 text): nothing is written. */
export class FileChangedError extends Error {
  /** `not-utf8`: the file's bytes are not UTF-8, so the text read from it was not what it holds. */
  constructor(readonly kind: 'changed' | 'not-utf8') {
    super(kind === 'changed' ? t('the file changed on disk while the secrets were being moved') : t('the file is not valid UTF-8, so it cannot be edited without changing other bytes'));
  }
}

export interface WriteResult {
  /** Hard links the old file had besides this name: they still hold the old text (and any plaintext secret in it). */
  otherLinks: number;
  /** The old file's inode number, to find those links (`find MOUNTPOINT -xdev -inum N`). */
  inode: number;
}

/** The file's stat now; throws FileChangedError unless its bytes are `expected`'s UTF-8. */
function compare(target: string, expected: { text: string; bytes: Buffer }): fs.Stats {
  const fd = fs.openSync(target, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0)); // a FIFO put there must not block
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileChangedError('changed'); // never read a FIFO another writer put there
    const now = fs.readFileSync(fd);
    if (!now.equals(expected.bytes)) throw new FileChangedError(now.toString('utf8') === expected.text ? 'not-utf8' : 'changed');
    return stat;
  } finally {
    fs.closeSync(fd);
  }
}

/** Our temp files are `.<name>.<12 hex digits>.tmp` next to the file. */
const tempPrefix = (target: string) => `.${path.basename(target)}.`;

/** A new temp file's path next to `target`: `.NAME.<random>.tmp` (crypto loaded here, not at start). */
export function tempFileFor(target: string): string {
  return path.join(path.dirname(target), `${tempPrefix(target)}${(require('node:crypto') as typeof Crypto).randomBytes(6).toString('hex')}.tmp`);
}
const STALE_MS = 10 * 60 * 1000;

/**
 * Temp files of ours that a killed run left next to the file (older than 10 minutes, so never one a
 * running save still needs): they are copies of the file, plaintext secrets and all.
 */
function removeStaleTemps(target: string): void {
  const dir = path.dirname(target);
  const prefix = tempPrefix(target);
  const ours = (name: string) => name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length));
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!ours(name)) continue;
      const file = path.join(dir, name);
      if (Date.now() - fs.lstatSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    }
  } catch {
    /* best effort: the save itself succeeded */
  }
}

/** Writes `text` to `file` atomically; with `expected`, only if the file still holds exactly that. */
export async function writeFileAtomic(file: string, text: string, expected?: string): Promise<WriteResult> {
  const target = await fs.promises.realpath(file);
  const want = expected === undefined ? undefined : { text: expected, bytes: Buffer.from(expected, 'utf8') };
  const stat = want ? compare(target, want) : await fs.promises.stat(target);
  const tmp = tempFileFor(target);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  let open = true;
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(stat.mode & 0o7777);
    await handle.chown(stat.uid, stat.gid).catch(() => undefined); // only root may give the file to another owner
    await handle.sync();
    open = false;
    await handle.close();
    const last = want ? compare(target, want) : stat;
    fs.renameSync(tmp, target);
    removeStaleTemps(target);
    return { otherLinks: Math.max(0, last.nlink - 1), inode: last.ino };
  } catch (e) {
    if (open) await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
