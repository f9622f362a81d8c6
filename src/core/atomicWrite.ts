/**
 * Saving a config file the way `docker login` does: a temp file in the same directory with the
 * old file's mode (and owner, where allowed), flushed, then renamed over the file. A symlink stays
 * a symlink: its target is replaced. Readers never see a half-written file.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Thrown when the file no longer holds what the caller read: nothing is written. */
export class FileChangedError extends Error {
  constructor() {
    super('the file changed on disk while the secrets were being moved');
  }
}

/** Writes `text` to `file` atomically; with `expected`, only if the file still holds exactly that. */
export async function writeFileAtomic(file: string, text: string, expected?: string): Promise<void> {
  const target = await fs.promises.realpath(file);
  const stat = await fs.promises.stat(target);
  if (expected !== undefined && (await fs.promises.readFile(target, 'utf8')) !== expected) throw new FileChangedError();
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  let open = true;
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(stat.mode & 0o7777);
    await handle.chown(stat.uid, stat.gid).catch(() => undefined); // only root may give the file to another owner
    await handle.sync();
    open = false;
    await handle.close();
    await fs.promises.rename(tmp, target);
  } catch (e) {
    if (open) await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
