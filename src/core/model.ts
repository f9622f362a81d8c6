/**
 * Parses the text the way docker's strict decoder sees it and builds a typed view of the parts
 * that matter for credentials. Keys are matched like Go's encoding/json: case-insensitively,
 * repeated objects merged, repeated scalar keys last-one-wins.
 */
import { Node, ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import { AUTH_ENTRY_FIELDS, AuthEntryField, SECRET_FIELDS, canonicalField, canonicalTopLevel } from './schema';
import { registryOfAuthsKey } from './registry';

export interface Prop {
  key: string;
  /** The property node; children[0] is the key, children[1] the value. */
  node: Node;
  keyNode: Node;
  valueNode: Node;
}

export interface AuthEntry {
  key: string;
  prop: Prop;
  /** The key docker looks up for this entry's registry (host[:port], or Docker Hub's URL). */
  registry: string;
  /** The entry's fields by canonical name; last one wins like in Go. Only string values. */
  fields: Map<AuthEntryField, Prop>;
  /** False when the value is not an object (null counts as an empty object, as in Go). */
  isObject: boolean;
}

export interface HelperSetting {
  value: string;
  prop: Prop;
}

export interface ConfigModel {
  text: string;
  root: Node | undefined;
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
  code: ParseErrorCode | 'bom';
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

export function propsOf(node: Node | undefined): Prop[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Prop[] = [];
  for (const child of node.children) {
    const [keyNode, valueNode] = child.children ?? [];
    if (!keyNode || !valueNode) continue;
    out.push({ key: String(keyNode.value), node: child, keyNode, valueNode });
  }
  return out;
}

export function stringValue(node: Node): string | undefined {
  return node.type === 'string' ? (node.value as string) : undefined;
}

export function parseConfig(text: string, options: ParseOptions = {}): ParsedConfig {
  const syntax: SyntaxIssue[] = [];
  let source = text;
  if (options.bom) syntax.push({ code: 'bom', offset: 0, length: 0 });
  if (text.charCodeAt(0) === 0xfeff) {
    syntax.push({ code: 'bom', offset: 0, length: 1 });
    source = ' ' + text.slice(1);
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  for (const e of errors) syntax.push({ code: e.error, offset: e.offset, length: e.length });
  return { model: buildModel(text, root), syntax };
}

export function buildModel(text: string, root: Node | undefined): ConfigModel {
  const model: ConfigModel = {
    text,
    root,
    topProps: propsOf(root),
    authEntries: [],
    auths: new Map(),
    credsStore: undefined,
    credHelpers: new Map(),
    credHelperProps: [],
  };
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    const value = prop.valueNode;
    if (field === 'auths') {
      for (const entryProp of propsOf(value)) {
        const entry = buildEntry(entryProp);
        model.authEntries.push(entry);
        model.auths.set(entry.key, entry);
      }
    } else if (field === 'credsStore') {
      if (value.type === 'string') model.credsStore = { value: value.value, prop };
      else if (value.type === 'null') model.credsStore = undefined;
    } else if (field === 'credHelpers') {
      for (const helperProp of propsOf(value)) {
        model.credHelperProps.push(helperProp);
        const v = helperProp.valueNode;
        if (v.type === 'string' || v.type === 'null') {
          model.credHelpers.set(helperProp.key, { value: v.type === 'string' ? v.value : '', prop: helperProp });
        }
      }
    }
  }
  return model;
}

function buildEntry(prop: Prop): AuthEntry {
  const fields = new Map<AuthEntryField, Prop>();
  for (const fieldProp of propsOf(prop.valueNode)) {
    const name = canonicalField(fieldProp.key, AUTH_ENTRY_FIELDS) as AuthEntryField | undefined;
    if (!name) continue;
    if (fieldProp.valueNode.type === 'string') fields.set(name, fieldProp);
    else if (fieldProp.valueNode.type === 'null') fields.delete(name);
  }
  const t = prop.valueNode.type;
  return { key: prop.key, prop, registry: registryOfAuthsKey(prop.key), fields, isObject: t === 'object' || t === 'null' };
}

/** A field's string value, or "" when absent. */
export function fieldValue(entry: AuthEntry, field: AuthEntryField): string {
  const p = entry.fields.get(field);
  return p ? (p.valueNode.value as string) : '';
}

/** The secret fields of an entry with a non-empty value. */
export function secretFields(entry: AuthEntry): Prop[] {
  const out: Prop[] = [];
  for (const [name, p] of entry.fields) if (SECRET_FIELDS.has(name) && p.valueNode.value !== '') out.push(p);
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
  const own = model.credHelpers.get(registryKey);
  if (own) return own.value ? { helper: own.value, via: 'credHelpers', setting: own } : undefined;
  if (model.credsStore && model.credsStore.value) {
    return { helper: model.credsStore.value, via: 'credsStore', setting: model.credsStore };
  }
  return undefined;
}

/** docker/cli `ContainsAuth`: without any of these, docker picks a default store itself. */
export function containsAuth(model: ConfigModel): boolean {
  return !!model.credsStore?.value || model.credHelpers.size > 0 || model.auths.size > 0;
}
