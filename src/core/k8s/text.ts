/**
 * The text side of reading pull secrets: Helm templates blanked before parsing, the nesting depth of
 * a JSON text, and where each character of a `stringData` value sits in the manifest. All linear.
 */
import type { Scalar } from 'yaml';

/** Positions of a value's lines in the manifest: `text` line i starts at manifest offset `starts[i]`. */
export class TextMap {
  private readonly lineStarts: number[] = [];
  constructor(
    private readonly lines: string[],
    private readonly starts: number[],
  ) {
    let at = 0;
    for (const line of lines) {
      this.lineStarts.push(at);
      at += line.length + 1;
    }
  }
  toManifest(offset: number): number {
    const i = Math.max(0, lastAtOrBefore(this.lineStarts, offset));
    return this.starts[i] + Math.min(offset - this.lineStarts[i], this.lines[i].length);
  }
  fromManifest(offset: number): number | undefined {
    // The first line that ends at or after the offset (lines follow each other in the manifest): a binary search.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] + this.lines[mid].length < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.starts.length && offset >= this.starts[lo]) return this.lineStarts[lo] + offset - this.starts[lo];
    return undefined;
  }
}

/** The index of the last element `<= value` in an ascending array, -1 if none: a binary search. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/**
 * Same-length text with `{{ ... }}` blanked: spaces where templates stand alone on their lines, else `_`.
 * One pass: a `{{` with no `}}` after it ends the search (no later one can close either).
 */
export function blankTemplates(text: string): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf('{{'); at >= 0; ) {
    const close = text.indexOf('}}', at + 2);
    if (close < 0) break;
    spans.push([at, close + 2]);
    at = text.indexOf('{{', close + 2);
  }
  if (spans.length === 0) return { text, spans };
  // A line is blank when nothing but white space is left on it once every template is taken out.
  const blank: boolean[] = [];
  let lineHasText = false;
  let next = 0; // the next span
  for (let i = 0; i < text.length; i++) {
    if (next < spans.length && i === spans[next][0]) {
      for (const end = spans[next++][1]; i < end; i++) {
        if (text.charCodeAt(i) === 10) {
          blank.push(!lineHasText);
          lineHasText = false;
        }
      }
      i--;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 10) {
      blank.push(!lineHasText);
      lineHasText = false;
    } else if (!lineHasText && !isSpace(c)) lineHasText = true;
  }
  blank.push(!lineHasText);
  // blankBefore[l]: how many of the lines before line l are blank.
  const blankBefore = [0];
  for (const b of blank) blankBefore.push(blankBefore[blankBefore.length - 1] + (b ? 1 : 0));
  const parts: string[] = [];
  let last = 0;
  let line = 0; // the line of the last offset asked; offsets only grow
  let nextBreak = text.indexOf('\n');
  const lineOf = (offset: number) => {
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
    return line;
  };
  for (const [start, end] of spans) {
    const first = lineOf(start);
    const lastLine = lineOf(end);
    const alone = blankBefore[lastLine + 1] - blankBefore[first] === lastLine - first + 1;
    const template = text.slice(start, end);
    const fill = alone ? ' ' : '_';
    parts.push(text.slice(last, start), /[\r\n]/.test(template) ? template.replace(/[^\r\n]/g, fill) : fill.repeat(template.length));
    last = end;
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), spans };
}

/** White space as `String.prototype.trim` sees it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** Whether [start, end) overlaps one of the spans (sorted, disjoint): a binary search. */
export function overlaps(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= start) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < spans.length && spans[lo][0] < end;
}

/** How deep `{` and `[` nest in a JSON text (outside strings): one pass, no recursion. */
export function jsonDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Maps a stringData value onto the manifest: one-line plain or quoted text without escapes, or a literal block. */
export function textMap(text: string, node: Scalar, value: string): TextMap | undefined {
  const [start, end] = node.range!;
  if (node.type === 'BLOCK_LITERAL') {
    const lines = value.split('\n');
    const starts: number[] = [];
    let pos = text.indexOf('\n', start) + 1; // the line after the `|` header
    for (let i = 0; i < lines.length; i++) {
      if (i === lines.length - 1 && lines[i] === '') {
        starts.push(Math.min(pos, end));
        break;
      }
      if (pos <= 0 || pos > end) return undefined;
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 ? text.length : nl;
      const row = text.slice(pos, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
      const col = row.length - lines[i].length;
      if (col < 0 || row.slice(col) !== lines[i]) return undefined;
      starts.push(pos + col);
      pos = lineEnd + 1;
    }
    return new TextMap(lines, starts);
  }
  if (value.includes('\n')) return undefined;
  const q = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  return text.slice(start + q, start + q + value.length) === value ? new TextMap([value], [start + q]) : undefined;
}

