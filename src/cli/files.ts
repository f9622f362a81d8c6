/** Reading a config file for the command line: clear errors, never a crash. */
import * as fs from 'fs';
import { t } from '../core/l10n';

/** Docker config files are a few KB; this leaves room for 100,000 registries. */
export const MAX_BYTES = 64 * 1024 * 1024;

/** `mode`: the file's permission bits (POSIX only). */
export type ReadResult = { ok: true; text: string; mode?: number } | { ok: false; error: string };

export function readConfigText(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  if (stat.isDirectory()) return { ok: false, error: t('is a directory') };
  if (stat.size > MAX_BYTES) return { ok: false, error: t('too large ({0} MiB; the limit is {1} MiB)', Math.round(stat.size / 1048576), MAX_BYTES / 1048576) };
  try {
    const text = fs.readFileSync(file).toString('utf8');
    return process.platform === 'win32' ? { ok: true, text } : { ok: true, text, mode: stat.mode & 0o777 };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
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
    default:
      return code ?? String((e as Error)?.message ?? e);
  }
}
