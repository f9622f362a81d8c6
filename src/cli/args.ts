/** Argument parsing and the I/O the command line's commands share. */
import { t } from '../core';

export interface CliIO {
  /** Writes one line (the line break is added). */
  out: (s: string) => void;
  /** Resolves once the reader has taken what `out` wrote (a pipe can be slower than the writer). */
  drained?: () => Promise<void>;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** stdin and stdout are a terminal: a question may be asked. */
  isTTY?: boolean;
  /** Asks a question on the terminal and returns the answer. */
  ask?: (question: string) => Promise<string>;
  /** Aborted on Ctrl-C: long operations stop before their next step. */
  signal?: AbortSignal;
}

export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], withValue: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (withValue.includes(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (value === undefined) throw new UsageError(t('{0} needs a value', name));
        flags.set(name, value);
      } else if (eq < 0) flags.set(name, true);
      else throw new UsageError(t('{0} takes no value', name));
    } else positional.push(a);
  }
  return { positional, flags };
}

export function formatOf(p: Parsed): 'text' | 'json' {
  const f = p.flags.get('--format') ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(t('--format must be text or json, not {0}', String(f)));
  return f;
}

export function rejectUnknown(p: Parsed, known: string[]): void {
  for (const k of p.flags.keys()) if (!known.includes(k)) throw new UsageError(t('unknown option {0}', k));
}

/**
 * One entry of a help text: the command or option in a 20-column field, then its (translated)
 * description; each line of the description is indented to that column.
 */
export function helpEntry(name: string, description: string): string {
  const indent = ' '.repeat(22);
  const lines = description.split('\n').map((l) => indent + l);
  if (name.length > 18) return `  ${name}\n${lines.join('\n')}`;
  lines[0] = `  ${name.padEnd(20)}${lines[0].slice(22)}`;
  return lines.join('\n');
}

/**
 * An unexpected error, for a message (escaped where it is printed): its kind and text. The text of a SyntaxError
 * is left out: JSON.parse quotes the input it failed on, which may be a secret.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  return e instanceof SyntaxError ? e.name : `${e.name}: ${e.message}`;
}
