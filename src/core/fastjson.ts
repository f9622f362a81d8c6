/**
 * A strict JSON reader for the common case: valid JSON, as docker's decoder wants it. It builds
 * the same light values as the recovering reader in model.ts (properties down to `maxDepth`) in
 * one pass over the characters, and gives up (returns undefined) at the first problem, so that
 * the recovering reader can report it. Much faster than a general tree on 100,000 registries.
 * It recurses, so it also gives up on text nested deeper than NESTING: the recovering reader has no
 * recursion and reads any depth (and reports what Go's decoder does past 10,000 levels).
 */
import type { JsonValue, Prop } from './model';

/** Deeper nesting is left to the recovering reader (docker configs are 3 levels deep). */
const NESTING = 256;

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

export function readStrictJson(text: string, maxDepth: number): JsonValue | undefined {
  let i = 0;
  const n = text.length;

  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };

  /** Reads a string starting at the opening quote; returns its value. */
  const str = (): string => {
    const start = ++i;
    let escaped = false;
    for (;;) {
      if (i >= n) throw GIVE_UP;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) throw GIVE_UP;
      if (c === 92) {
        escaped = true;
        i += 2;
      } else i++;
    }
    const raw = text.slice(start, i);
    i++;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      throw GIVE_UP;
    }
  };

  const value = (depth: number, owner: Prop | undefined): JsonValue => {
    ws();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123) return object(depth, owner);
    if (c === 91) return array(depth, owner);
    if (c === 34) {
      const v = str();
      return { type: 'string', offset: start, length: i - start, value: v };
    }
    if (c === 116 && text.startsWith('true', i)) {
      i += 4;
      return { type: 'boolean', offset: start, length: 4, value: true };
    }
    if (c === 102 && text.startsWith('false', i)) {
      i += 5;
      return { type: 'boolean', offset: start, length: 5, value: false };
    }
    if (c === 110 && text.startsWith('null', i)) {
      i += 4;
      return { type: 'null', offset: start, length: 4, value: null };
    }
    if (c === 45 || (c >= 48 && c <= 57)) return number();
    throw GIVE_UP;
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const number = (): JsonValue => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) throw GIVE_UP;
    const start = i;
    i += m[0].length;
    return { type: 'number', offset: start, length: m[0].length, value: Number(m[0]) };
  };

  const object = (depth: number, owner: Prop | undefined): JsonValue => {
    if (depth > NESTING) throw GIVE_UP;
    const start = i++;
    const keep = depth <= maxDepth;
    const node: JsonValue = { type: 'object', offset: start, length: 0 };
    const props: Prop[] | undefined = keep ? [] : undefined;
    ws();
    if (text.charCodeAt(i) === 125) {
      i++;
    } else {
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) throw GIVE_UP;
        const keyOffset = i;
        const key = str();
        const keyLength = i - keyOffset;
        ws();
        if (text.charCodeAt(i) !== 58) throw GIVE_UP;
        i++;
        if (props) {
          const prop: Prop = { key, keyOffset, keyLength, value: undefined as unknown as JsonValue, owner };
          prop.value = value(depth + 1, prop);
          props.push(prop);
        } else {
          value(depth + 1, undefined);
        }
        ws();
        const c = text.charCodeAt(i++);
        if (c === 125) break;
        if (c !== 44) throw GIVE_UP;
      }
    }
    node.length = i - start;
    if (props) node.props = props;
    return node;
  };

  const array = (depth: number, owner: Prop | undefined): JsonValue => {
    if (depth > NESTING) throw GIVE_UP;
    const start = i++;
    const keep = depth <= maxDepth;
    const items: JsonValue[] | undefined = keep ? [] : undefined;
    ws();
    if (text.charCodeAt(i) === 93) {
      i++;
    } else {
      for (;;) {
        const v = value(depth + 1, owner);
        if (items) items.push(v);
        ws();
        const c = text.charCodeAt(i++);
        if (c === 93) break;
        if (c !== 44) throw GIVE_UP;
      }
    }
    const node: JsonValue = { type: 'array', offset: start, length: i - start };
    if (items) node.items = items;
    return node;
  };

  try {
    ws();
    if (i >= n) return undefined; // empty: the recovering reader decides
    const root = value(0, undefined);
    ws();
    return i === n ? root : undefined;
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return undefined; // RangeError: a stack already nearly full
    throw e;
  }
}
