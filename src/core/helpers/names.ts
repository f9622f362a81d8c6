// Validation of credential helper names: the `<name>` in `docker-credential-<name>`.
import { t } from '../l10n';

const PREFIX = 'docker-credential-';
const MAX_LENGTH = 128;

/** Returns null when `name` may be run as `docker-credential-<name>`, else the reason it may not. */
export function validateHelperName(name: string): string | null {
  if (name.length === 0) return t('the helper name is empty');
  if (name.length > MAX_LENGTH) return t('the helper name is longer than {0} characters', MAX_LENGTH);
  if (name.startsWith(PREFIX)) {
    return t('write the helper name without the "{0}" prefix ("{1}"); docker would run "{2}"', PREFIX, name.slice(PREFIX.length), PREFIX + name);
  }
  if (name.includes('/') || name.includes('\\')) return t('the helper name contains a path separator');
  if (name.includes('\0')) return t('the helper name contains a NUL character');
  if (/\s/.test(name)) return t('the helper name contains whitespace');
  const bad = name.match(/[^A-Za-z0-9._-]/);
  if (bad) return t('the helper name contains {0}; only letters, digits, ".", "_" and "-" are allowed', JSON.stringify(bad[0]));
  if (name === '.' || name === '..') return t('the helper name is not a name');
  return null;
}

/** The executable docker runs for helper `name`. */
export function helperExecutable(name: string): string {
  return PREFIX + name;
}
