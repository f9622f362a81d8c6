// Small scripted `docker-credential-*` helpers for conformance tests (POSIX sh, builtins only,
// so they work with a PATH that holds nothing but the test's own directories).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type GetAnswer =
  | { username: string; secret: string }
  | 'not-found'
  | { stdout: string; exit: number };

export interface FakeHelper {
  /** Answer per server URL docker asks for; anything else gets `otherwise`. */
  entries?: Record<string, GetAnswer>;
  otherwise?: GetAnswer;
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function answer(a: GetAnswer): string {
  if (a === 'not-found') return `printf '%s\\n' 'credentials not found in native keychain'; exit 1`;
  if ('username' in a) {
    return `printf '%s\\n' ${q(JSON.stringify({ ServerURL: '', Username: a.username, Secret: a.secret }))}; exit 0`;
  }
  return `printf '%s' ${q(a.stdout)}; exit ${a.exit}`;
}

/**
 * Write `docker-credential-<name>` into `dir`. Every call is appended to `<dir>/<name>.log`
 * as `<action> <stdin>` lines so tests can see what docker asked; when docker's environment has
 * DCG_HELPER_LOG, the line `<name> <action> <stdin>` goes to that file instead (parallel runs).
 */
export function writeFakeHelper(dir: string, name: string, spec: FakeHelper): string {
  const file = path.join(dir, `docker-credential-${name}`);
  const log = path.join(dir, `${name}.log`);
  const cases = Object.entries(spec.entries ?? {})
    .map(([url, a]) => `    ${q(url)}) ${answer(a)} ;;`)
    .join('\n');
  const script = `#!/bin/sh
IFS= read -r input
if [ -n "$DCG_HELPER_LOG" ]; then printf '%s %s %s\\n' ${q(name)} "$1" "$input" >> "$DCG_HELPER_LOG"
else printf '%s %s\\n' "$1" "$input" >> ${q(log)}; fi
case "$1" in
  get)
    case "$input" in
${cases}
    *) ${answer(spec.otherwise ?? 'not-found')} ;;
    esac ;;
  list) printf '{}\\n' ;;
  *) printf '%s\\n' 'not implemented'; exit 1 ;;
esac
`;
  fs.writeFileSync(file, script, { mode: 0o755 });
  return file;
}

/** The `<action> <stdin>` lines recorded for helper `name` in `dir` (empty when it never ran). */
export function helperCalls(dir: string, name: string): string[] {
  try {
    return fs.readFileSync(path.join(dir, `${name}.log`), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
