/**
 * Text taken from a file (keys, helper names, usernames, paths, helper messages) made safe to show:
 * no terminal control codes, no line breaks that forge a line, no bidirectional overrides that reorder what is
 * read, and no line that a CI runner takes for a command (GitHub Actions reads `::name ...::` at the start of a
 * line, after leading spaces: actions/runner ActionCommand.TryParseV2).
 */

/** Control characters (C0, DEL, C1), line and paragraph separators, bidi embeddings/overrides/isolates, BOM. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text, every unsafe character shown as an escape (`\x1b`, `\n`, `\u202e`). Linear in the input. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * A whole output line: `printable`, and a line that would start (after spaces) with `::` gets its first colon
 * escaped, so no runner reads it as a workflow command.
 */
export function outputLine(line: string): string {
  const safe = printable(line);
  const lead = safe.length - safe.trimStart().length;
  return safe.startsWith('::', lead) ? `${safe.slice(0, lead)}\\x3a${safe.slice(lead + 1)}` : safe;
}

/** For Markdown (hovers, messages shown as Markdown): `printable`, then Markdown's punctuation escaped. */
export function markdownText(text: string): string {
  return printable(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}
