/**
 * Reads the text the way docker's strict decoder does and builds a light, typed view of the parts
 * that matter (values down to the fields of an auths entry). Built in one pass (fastjson.ts for
 * valid text, else jsonvisit.ts, both without deep recursion) rather than a full tree: a config with
 * 100,000 registries is read in about the time JSON.parse takes. Keys are matched like Go's encoding/json: case-insensitively, repeated objects merged,
 * repeated scalar keys last-one-wins.
 */
import { JSONPath, ParseErrorCode } from 'jsonc-parser';
import { AUTH_ENTRY_FIELDS, AuthEntryField, SECRET_FIELDS, canonicalField, canonicalTopLevel } from './schema';
import { DOCKER_HUB_KEY, convertToHostname } from './registry';
import { readStrictJson } from './fastjson';
import { visitJson } from './jsonvisit';

export type ValueType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** A JSON value. Objects down to depth 2 carry their properties, arrays their items. */
export interface JsonValue {
  type: ValueType;
  offset: number;
  length: number;
  /** The value of a string, number, boolean or null. */
  value?: string | number | boolean | null;
  props?: Prop[];
  items?: JsonValue[];
}

export interface Prop {
  key: string;
  keyOffset: number;
  keyLength: number;
  value: JsonValue;
  /** The object holding this property (undefined for top-level properties). */
  owner: Prop | undefined;
}

export interface AuthEntry {
  key: string;
  prop: Prop;
  /** The key docker looks up for this entry's registry (host[:port], or Docker Hub's URL). */
  registry: string;
  /** The key docker's plaintext lookup compares: host[:port] with scheme and path dropped. */
  host: string;
  /** The entry's string fields by canonical name; last one wins like in Go. */
  fields: Partial<Record<AuthEntryField, Prop>>;
  /** False when the value is not an object (null counts as an empty object, as in Go). */
  isObject: boolean;
}

export interface HelperSetting {
  value: string;
  prop: Prop;
  /** The choice this setting makes, made once (see helperFor). */
  choice?: HelperChoice;
}

export interface ConfigModel {
  text: string;
  root: JsonValue | undefined;
  /** Top-level properties, when the root is an object. */
  topProps: Prop[];
  /** Every auths entry in document order (repeated keys included). */
  authEntries: AuthEntry[];
  /** The entry docker keeps for each key (the last one written). */
  auths: Map<string, AuthEntry>;
  credsStore: HelperSetting | undefined;
  /** credHelpers as docker reads them: last one wins, null reads as "". */
  credHelpers: Map<string, HelperSetting>;
  credHelperProps: Prop[];
}

export interface SyntaxIssue {
  /** `depth`: nested deeper than Go's decoder reads (see jsonvisit.ts). */
  code: ParseErrorCode | 'bom' | 'depth';
  offset: number;
  length: number;
}

export interface ParsedConfig {
  model: ConfigModel;
  /** Problems in docker's strict reading, in text order. */
  syntax: SyntaxIssue[];
}

export interface ParseOptions {
  /** The file on disk starts with a UTF-8 BOM that the host already removed from `text`. */
  bom?: boolean;
}

/** Objects deeper than this keep no properties (nothing docker reads lies deeper). */
const MAX_DEPTH = 2;

export function parseConfig(text: string, options: ParseOptions = {}): ParsedConfig {
  const syntax: SyntaxIssue[] = [];
  let source = text;
  if (options.bom) syntax.push({ code: 'bom', offset: 0, length: 0 });
  if (text.charCodeAt(0) === 0xfeff) {
    syntax.push({ code: 'bom', offset: 0, length: 1 });
    source = ' ' + text.slice(1);
  }
  const root = (syntax.length === 0 ? readStrictJson(source, MAX_DEPTH) : undefined) ?? readValues(source, syntax);
  return { model: buildModel(text, root), syntax };
}

interface Frame {
  value: JsonValue;
  /** The property whose value this container is. */
  prop: Prop | undefined;
  /** The key read last and not yet given a value (undefined: none). */
  key: string | undefined;
  keyOffset: number;
  keyLength: number;
}

/**
 * The recovering reader (jsonc-parser's `visit`, without recursion: jsonvisit.ts): also reads broken or
 * deeply nested text, reporting each problem.
 */
export function readValues(text: string, syntax: SyntaxIssue[]): JsonValue | undefined {
  let root: JsonValue | undefined;
  const stack: Frame[] = [];
  let depth = -1; // depth of the innermost open container
  const attach = (value: JsonValue): Prop | undefined => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (!root) root = value;
      return undefined;
    }
    if (frame.value.type === 'array') {
      frame.value.items!.push(value);
      return undefined;
    }
    const key = frame.key;
    if (key === undefined) return undefined;
    frame.key = undefined;
    const prop: Prop = { key, keyOffset: frame.keyOffset, keyLength: frame.keyLength, value, owner: frame.prop };
    frame.value.props!.push(prop);
    return prop;
  };
  const open = (type: 'object' | 'array', offset: number) => {
    depth++;
    if (depth > MAX_DEPTH + 1 || (stack.length && stack.length !== depth)) return;
    const value: JsonValue = { type, offset, length: 1 };
    const prop = attach(value);
    if (depth <= MAX_DEPTH) {
      if (type === 'object') value.props = [];
      else value.items = [];
      stack.push({ value, prop, key: undefined, keyOffset: 0, keyLength: 0 });
    }
  };
  const close = (offset: number, length: number) => {
    if (stack.length === depth + 1 && depth <= MAX_DEPTH) {
      const frame = stack.pop()!;
      frame.value.length = offset + length - frame.value.offset;
    } else if (depth === MAX_DEPTH + 1 && stack.length === depth) {
      // a container one level below the deepest tracked one: fix its length in its parent
      const parent = stack[stack.length - 1].value;
      const last = parent.props ? parent.props[parent.props.length - 1]?.value : parent.items![parent.items!.length - 1];
      if (last) last.length = offset + length - last.offset;
    }
    depth--;
  };
  visitJson(text, {
    onObjectBegin: (offset) => open('object', offset),
    onObjectEnd: (offset, length) => close(offset, length),
    onArrayBegin: (offset) => open('array', offset),
    onArrayEnd: (offset, length) => close(offset, length),
    onObjectProperty: (key, offset, length) => {
      if (stack.length === depth + 1) {
        const frame = stack[depth];
        frame.key = key;
        frame.keyOffset = offset;
        frame.keyLength = length;
      }
    },
    onLiteralValue: (value, offset, length) => {
      if (stack.length !== depth + 1 && depth !== -1) return;
      const type: ValueType = value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
      attach({ type, offset, length, value });
    },
    onError: (code, offset, length) => syntax.push({ code, offset, length }),
  });
  // unclosed containers (a truncated file) reach to the end of the text
  for (const frame of stack) frame.value.length = text.length - frame.value.offset;
  return root;
}

export function propsOf(value: JsonValue | undefined): Prop[] {
  return value?.props ?? [];
}

/** The JSON path of a property's value, e.g. ["auths", "ghcr.io", "auth"]. */
export function pathOf(prop: Prop): JSONPath {
  const path: JSONPath = [];
  for (let p: Prop | undefined = prop; p; p = p.owner) path.unshift(p.key);
  return path;
}

export function buildModel(text: string, root: JsonValue | undefined): ConfigModel {
  const model: ConfigModel = {
    text,
    root,
    topProps: root?.type === 'object' ? propsOf(root) : [],
    authEntries: [],
    auths: new Map(),
    credsStore: undefined,
    credHelpers: new Map(),
    credHelperProps: [],
  };
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    const value = prop.value;
    if (field === 'auths') {
      for (const entryProp of propsOf(value)) {
        const entry = buildEntry(entryProp);
        model.authEntries.push(entry);
        model.auths.set(entry.key, entry);
      }
    } else if (field === 'credsStore') {
      if (value.type === 'string') model.credsStore = { value: value.value as string, prop };
    } else if (field === 'credHelpers') {
      for (const helperProp of propsOf(value)) {
        model.credHelperProps.push(helperProp);
        const v = helperProp.value;
        if (v.type === 'string' || v.type === 'null') {
          model.credHelpers.set(helperProp.key, { value: v.type === 'string' ? (v.value as string) : '', prop: helperProp });
        }
      }
    }
  }
  return model;
}

function buildEntry(prop: Prop): AuthEntry {
  const fields: Partial<Record<AuthEntryField, Prop>> = {};
  for (const fieldProp of propsOf(prop.value)) {
    const name = canonicalField(fieldProp.key, AUTH_ENTRY_FIELDS) as AuthEntryField | undefined;
    if (!name) continue;
    if (fieldProp.value.type === 'string') fields[name] = fieldProp;
    else if (fieldProp.value.type === 'null') delete fields[name];
  }
  const t = prop.value.type;
  const host = convertToHostname(prop.key);
  return { key: prop.key, prop, registry: prop.key === DOCKER_HUB_KEY ? prop.key : host, host, fields, isObject: t === 'object' || t === 'null' };
}

/** A field's string value, or "" when absent. */
export function fieldValue(entry: AuthEntry, field: AuthEntryField): string {
  const p = entry.fields[field];
  return p ? (p.value.value as string) : '';
}

/** The secret fields of an entry with a non-empty value. */
export function secretFields(entry: AuthEntry): Prop[] {
  const out: Prop[] = [];
  for (const name of SECRET_FIELDS) {
    const p = entry.fields[name as AuthEntryField];
    if (p && p.value.value !== '') out.push(p);
  }
  return out;
}

export interface HelperChoice {
  helper: string;
  via: 'credHelpers' | 'credsStore';
  setting: HelperSetting;
}

/**
 * Which helper docker asks for a registry key (docker/cli `getConfiguredCredentialStore`):
 * credHelpers[key] when the key exists (an empty value turns the store off), else credsStore.
 */
export function helperFor(model: ConfigModel, registryKey: string): HelperChoice | undefined {
  const own = model.credHelpers.size ? model.credHelpers.get(registryKey) : undefined;
  if (own) return own.value ? (own.choice ??= { helper: own.value, via: 'credHelpers', setting: own }) : undefined;
  const store = model.credsStore;
  if (store && store.value) return (store.choice ??= { helper: store.value, via: 'credsStore', setting: store });
  return undefined;
}

/** docker/cli `ContainsAuth`: without any of these, docker picks a default store itself. */
export function containsAuth(model: ConfigModel): boolean {
  return !!model.credsStore?.value || model.credHelpers.size > 0 || model.auths.size > 0;
}
