/**
 * Credential helper names: the `<name>` in `docker-credential-<name>`. The ONE validator: it decides which
 * names this tool runs (helpers/client.ts), looks up (helpers/discovery.ts) and reports (rules/helpers.ts,
 * helper-name). Docker itself runs any name: `docker-credential-<name>` is looked up on PATH literally, a
 * name holding `/` is run as a path relative to docker's working directory (docker/cli
 * credentials/native_store.go, docker-credential-helpers client/command.go: `exec.Command`, no shell).
 */
import { t } from '../l10n';

const PREFIX = 'docker-credential-';
const MAX_LENGTH = 128;

/** Why a name is not run. The first three are the ones docker users write by mistake. */
export type HelperNameProblem =
  | { kind: 'empty' }
  | { kind: 'prefix'; stripped: string }
  | { kind: 'path' }
  | { kind: 'whitespace' }
  | { kind: 'nul' }
  | { kind: 'long' }
  | { kind: 'character'; character: string }
  | { kind: 'dots' };

/** The reason `name` is not run as `docker-credential-<name>`, or undefined when it is. Linear in the name. */
export function helperNameProblem(name: string): HelperNameProblem | undefined {
  if (name.length === 0) return { kind: 'empty' };
  if (name.startsWith(PREFIX)) return { kind: 'prefix', stripped: name.slice(PREFIX.length) };
  if (name.includes('/') || name.includes('\\')) return { kind: 'path' };
  if (/\s/.test(name)) return { kind: 'whitespace' };
  if (name.includes('\0')) return { kind: 'nul' };
  if (name.length > MAX_LENGTH) return { kind: 'long' };
  const bad = name.match(/[^A-Za-z0-9._-]/);
  if (bad) return { kind: 'character', character: bad[0] };
  if (name === '.' || name === '..') return { kind: 'dots' };
  return undefined;
}

/** Returns null when `name` may be run as `docker-credential-<name>`, else the reason it may not (our words). */
export function validateHelperName(name: string): string | null {
  const problem = helperNameProblem(name);
  return problem ? reasonOf(name, problem) : null;
}

export function reasonOf(name: string, problem: HelperNameProblem): string {
  switch (problem.kind) {
    case 'empty':
      return t('the helper name is empty');
    case 'long':
      return t('the helper name is longer than {0} characters', MAX_LENGTH);
    case 'prefix':
      return t('write the helper name without the "{0}" prefix ("{1}"); docker would run "{2}"', PREFIX, problem.stripped, helperExecutable(name));
    case 'path':
      return t('the helper name contains a path separator');
    case 'nul':
      return t('the helper name contains a NUL character');
    case 'whitespace':
      return t('the helper name contains whitespace');
    case 'character':
      return t('the helper name contains {0}; only letters, digits, ".", "_" and "-" are allowed', JSON.stringify(problem.character));
    case 'dots':
      return t('the helper name is not a name');
  }
}

/** The executable docker runs for helper `name`: the only place that adds the prefix. */
export function helperExecutable(name: string): string {
  return PREFIX + name;
}

/** A helper as the messages name it: by its setting (credHelpers or credsStore). The only such text. */
export function describeHelper(choice: { helper: string; via: string }): string {
  return choice.via === 'credHelpers' ? t('the helper "{0}" (credHelpers)', choice.helper) : t('the credsStore helper "{0}"', choice.helper);
}
