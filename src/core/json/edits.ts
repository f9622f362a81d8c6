/**
 * Edits of JSON text. Each is one minimal replacement of the original text, computed with jsonc-parser's
 * modify/applyEdits in the file's own indentation and line endings, so the rest of the text stays byte for
 * byte.
 */
import { FormattingOptions, JSONPath, applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';

/** A replacement of `length` UTF-16 code units at `offset` by `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export function detectFormatting(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '\t';
  const insertSpaces = !indent.startsWith('\t');
  return { eol, insertSpaces, tabSize: insertSpaces ? indent.length : 4 };
}

/** The smallest single replacement that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, content: after.slice(start, endAfter) };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
}

/**
 * Sets or removes the value at `path`. Values are set with jsonc-parser's modify in the file's
 * formatting. A property is removed with its comma and the white space up to its neighbour, so no
 * other line changes (modify would reformat the neighbours); an object left empty becomes `{}`.
 * Only for paths whose keys are each written once (modify takes the first).
 */
export function change(text: string, path: JSONPath, value: unknown): string {
  if (value !== undefined) {
    return applyEdits(text, modify(text, path, value, { formattingOptions: detectFormatting(text) }));
  }
  const root = parseTree(text, [], { allowEmptyContent: true });
  const valueNode = root && findNodeAtLocation(root, path);
  const prop = valueNode?.parent;
  const parent = prop?.parent;
  if (!prop || prop.type !== 'property' || !parent?.children) return text;
  const siblings = parent.children;
  const i = siblings.indexOf(prop);
  if (siblings.length === 1) {
    return text.slice(0, parent.offset) + '{}' + text.slice(parent.offset + parent.length);
  }
  if (i < siblings.length - 1) return text.slice(0, prop.offset) + text.slice(siblings[i + 1].offset);
  const prev = siblings[i - 1];
  return text.slice(0, prev.offset + prev.length) + text.slice(prop.offset + prop.length);
}

/** Renames a key in place (the key's own text, JSON-escaped). */
export function renameKey(text: string, key: { keyOffset: number; keyLength: number }, newKey: string): string {
  return applyEdit(text, { offset: key.keyOffset, length: key.keyLength, content: JSON.stringify(newKey) });
}

/**
 * Adds properties `key: value` at the end of the object at `path` (created when missing), in order: the same text as
 * calling change() once per key, in one pass. change() for the first key gives the file's formatting; the others
 * follow it with the same separator and indentation. Each key must be new to the object. Undefined when the first
 * key cannot be found again (a path that change() could not follow).
 */
export function addProperties(text: string, path: JSONPath, entries: ReadonlyArray<readonly [string, unknown]>): string | undefined {
  if (entries.length === 0) return text;
  const first = change(text, [...path, entries[0][0]], entries[0][1]);
  if (entries.length === 1) return first;
  const prop = findNodeAtLocation(parseTree(first, [], { allowEmptyContent: true })!, [...path, entries[0][0]])?.parent;
  if (!prop || prop.type !== 'property') return undefined;
  const lineStart = first.lastIndexOf('\n', prop.offset - 1) + 1;
  const indent = first.slice(lineStart, prop.offset);
  const sep = lineStart > 0 && /^[ \t]*$/.test(indent) ? `,${first[lineStart - 2] === '\r' ? '\r\n' : '\n'}${indent}` : ', ';
  const end = prop.offset + prop.length;
  const added = entries.slice(1).map(([k, v]) => `${sep}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return first.slice(0, end) + added.join('') + first.slice(end);
}
