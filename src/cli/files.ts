/**
 * Reading a config file for the command line: clear errors, never a crash, never a hang. Only regular
 * files are read: a FIFO, a device (/dev/zero, /dev/urandom, a terminal) or a socket is refused before
 * it is read, and again after opening (the opened descriptor is checked, so a file swapped in between
 * is caught too). The open never blocks (O_NONBLOCK: a FIFO without a writer), and the size limit is
 * enforced while reading, not taken from stat (files in /proc say 0 bytes).
 */
import * as fs from 'fs';
import { t } from '../core';

/** Docker config files are a few KB; this leaves room for 100,000 registries. */
export const MAX_BYTES = 64 * 1024 * 1024;

/** `mode`: the file's permission bits (POSIX only). */
export type ReadResult = { ok: true; text: string; mode?: number } | { ok: false; error: string };

export interface ReadOptions {
  /** A symbolic link at `file` itself is refused, not followed (files found by searching a directory). */
  noFollow?: boolean;
}

// undefined on Windows, where neither applies
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const CHUNK = 1024 * 1024;

/** Why a file is not read, or undefined for a regular file. */
function refusal(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return t('is a directory');
  if (stat.isSymbolicLink()) return t('is a symbolic link (not followed)');
  return t('not a regular file (a pipe, device or socket): not read');
}

function tooLarge(bytes?: number): string {
  return bytes === undefined
    ? t('too large (more than the limit of {0} MiB)', MAX_BYTES / 1048576)
    : t('too large ({0} MiB; the limit is {1} MiB)', Math.round(bytes / 1048576), MAX_BYTES / 1048576);
}

export function readConfigText(file: string, options: ReadOptions = {}): ReadResult {
  let fd: number;
  try {
    const refused = refusal(options.noFollow ? fs.lstatSync(file) : fs.statSync(file));
    if (refused) return { ok: false, error: refused };
    fd = fs.openSync(file, fs.constants.O_RDONLY | NONBLOCK | (options.noFollow ? NOFOLLOW : 0));
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  try {
    const stat = fs.fstatSync(fd);
    const refused = refusal(stat);
    if (refused) return { ok: false, error: refused };
    if (stat.size > MAX_BYTES) return { ok: false, error: tooLarge(stat.size) };
    // A buffer of the stated size + 1 (the read that finds the end fits in it), filled before the next one is taken:
    // one small allocation for a typical file. A file that says 0 bytes (/proc) or grows is read in larger pieces.
    const next = (): Buffer => Buffer.allocUnsafe(Math.min(CHUNK, Math.max(stat.size - total + 1, stat.size === 0 || total > 0 ? 65536 : 1)));
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = next();
    let used = 0;
    for (;;) {
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = next();
        used = 0;
      }
      const n = fs.readSync(fd, chunk, used, chunk.length - used, null);
      if (n === 0) break;
      used += n;
      total += n;
      if (total > MAX_BYTES) return { ok: false, error: tooLarge() };
    }
    chunks.push(chunk.subarray(0, used));
    const text = Buffer.concat(chunks, total).toString('utf8');
    return process.platform === 'win32' ? { ok: true, text } : { ok: true, text, mode: stat.mode & 0o777 };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    fs.closeSync(fd);
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return t('no such file');
    case 'EACCES':
    case 'EPERM':
      return t('permission denied');
    case 'EISDIR':
      return t('is a directory');
    case 'ELOOP':
      return t('too many levels of symbolic links');
    case 'EAGAIN':
      return t('not a regular file (a pipe, device or socket): not read');
    default:
      return code ?? String((e as Error)?.message ?? e);
  }
}
