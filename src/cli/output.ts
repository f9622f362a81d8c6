/**
 * Output written in pieces: a run with a million findings must not build one string (V8 strings stop
 * at about 512 MiB: "Invalid string length"), nor hold all of its output in memory. Lines are collected
 * into chunks of about 64 KiB, each written with one `io.out` call (which ends it with a line break), so
 * the bytes are the same as one `io.out` call per line; after each chunk the writer waits until the
 * reader has taken it (`io.drained`: a pipe to a slower reader would otherwise buffer everything).
 */
import { outputLine } from '../core';
import { CliIO } from './args';

const CHUNK = 64 * 1024;

export class LineWriter {
  private lines: string[] = [];
  private size = 0;
  constructor(private readonly io: CliIO) {}

  /** Adds text that may hold line breaks of its own (JSON); it is written as it is. */
  async raw(text: string): Promise<void> {
    this.lines.push(text);
    this.size += text.length + 1;
    if (this.size >= CHUNK) await this.flush();
  }

  /** Adds one line of text that may come from a file: escaped with `outputLine`. */
  line(text: string): Promise<void> {
    return this.raw(outputLine(text));
  }

  /** Adds every piece (see jsonPieces). */
  async all(pieces: Iterable<string>): Promise<void> {
    for (const piece of pieces) await this.raw(piece);
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    this.io.out(this.lines.join('\n'));
    this.lines = [];
    this.size = 0;
    await this.io.drained?.();
  }
}

/** An array written element by element: the elements are made one at a time. */
export class Streamed {
  constructor(readonly items: Iterable<unknown>) {}
}

/**
 * The lines of `JSON.stringify(value, null, 2)` (see jsonText), in pieces: each `Streamed` array in `value`
 * is made and written one element at a time. The objects and arrays around a `Streamed` are the output's
 * own frame (a few levels), the elements are written with JSON.stringify.
 */
export function jsonPieces(value: unknown): Generator<string> {
  return emit('', value, '', '');
}

/**
 * JSON.stringify escapes C0 control characters but leaves DEL, the C1 controls (U+009B is a terminal's CSI),
 * line and paragraph separators and bidirectional overrides as they are: they are escaped as well (`\u009b`),
 * so JSON output shown in a terminal cannot drive it either. These characters only occur inside strings, so
 * the JSON reads back the same.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g;

export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function holdsStream(value: unknown): boolean {
  if (value instanceof Streamed) return true;
  if (Array.isArray(value)) return value.some(holdsStream);
  if (value && typeof value === 'object') return Object.values(value).some(holdsStream);
  return false;
}

/** `head`: what precedes the value on its first line; `tail`: what follows it (a comma or nothing). */
function* emit(head: string, value: unknown, indent: string, tail: string): Generator<string> {
  if (!holdsStream(value)) {
    yield head + jsonText(value, 2).replace(/\n/g, '\n' + indent) + tail;
    return;
  }
  const inner = indent + '  ';
  if (value instanceof Streamed || Array.isArray(value)) {
    const items = value instanceof Streamed ? value.items : (value as unknown[]);
    let pending: { item: unknown } | undefined;
    for (const item of items) {
      if (pending) yield* emit(inner, pending.item ?? null, inner, ',');
      else yield head + '[';
      pending = { item };
    }
    if (!pending) return yield head + '[]' + tail;
    yield* emit(inner, pending.item ?? null, inner, '');
    yield indent + ']' + tail;
    return;
  }
  const entries = Object.entries(value as object).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return yield head + '{}' + tail;
  yield head + '{';
  for (let i = 0; i < entries.length; i++) yield* emit(`${inner}${jsonText(entries[i][0])}: `, entries[i][1], inner, i < entries.length - 1 ? ',' : '');
  yield indent + '}' + tail;
}
