// Validation of credential helper names: the `<name>` in `docker-credential-<name>`.

const PREFIX = 'docker-credential-';
const MAX_LENGTH = 128;

/** Returns null when `name` may be run as `docker-credential-<name>`, else the reason it may not. */
export function validateHelperName(name: string): string | null {
  if (name.length === 0) return 'the helper name is empty';
  if (name.length > MAX_LENGTH) return `the helper name is longer than ${MAX_LENGTH} characters`;
  if (name.startsWith(PREFIX)) {
    return `write the helper name without the "${PREFIX}" prefix ("${name.slice(PREFIX.length)}"); docker would run "${PREFIX}${name}"`;
  }
  if (name.includes('/') || name.includes('\\')) return 'the helper name contains a path separator';
  if (name.includes('\0')) return 'the helper name contains a NUL character';
  if (/\s/.test(name)) return 'the helper name contains whitespace';
  const bad = name.match(/[^A-Za-z0-9._-]/);
  if (bad) return `the helper name contains ${JSON.stringify(bad[0])}; only letters, digits, ".", "_" and "-" are allowed`;
  if (name === '.' || name === '..') return 'the helper name is not a name';
  return null;
}

/** The executable docker runs for helper `name`. */
export function helperExecutable(name: string): string {
  return PREFIX + name;
}
