/**
 * Docker's view of a config file: the auths entries, credsStore and credHelpers as docker/cli's
 * `ConfigFile` decodes them, built in one pass over the light values of json/reader.ts. Keys are matched
 * like Go's encoding/json: case-insensitively, repeated objects merged, repeated scalar keys last-one-wins.
 */
import { JSONPath } from 'jsonc-parser';
import { JsonValue, Prop, ReadOptions, SyntaxIssue, propsOf, readJson } from '../json/reader';
import { AUTH_ENTRY_FIELDS, AuthEntryField, SECRET_FIELDS, canonicalField, canonicalTopLevel } from './schema';
import { DOCKER_HUB_KEY, convertToHostname } from './registry';


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

export interface ParsedConfig {
  model: ConfigModel;
  /** Problems in docker's strict reading, in text order. */
  syntax: SyntaxIssue[];
}

export type ParseOptions = ReadOptions;

/** Reads the text (json/reader.ts) and builds docker's view of it. */
export function parseConfig(text: string, options: ParseOptions = {}): ParsedConfig {
  const { root, syntax } = readJson(text, options);
  return { model: buildModel(text, root), syntax };
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

/** The path of an auths entry, when no key on it is written twice (json/edits.ts `change` takes the first). */
export function uniquePath(model: ConfigModel, entry: AuthEntry): JSONPath | undefined {
  const auths = entry.prop.owner;
  if (!auths) return undefined;
  if (model.topProps.filter((p) => p.key === auths.key).length !== 1) return undefined;
  if (propsOf(auths.value).filter((p) => p.key === entry.key).length !== 1) return undefined;
  return [auths.key, entry.key];
}

/** The auths entry whose key starts at `offset`. */
export function entryAtKey(model: ConfigModel, offset: number): AuthEntry | undefined {
  return model.authEntries.find((e) => e.prop.keyOffset === offset);
}

/** The property whose key starts at `offset` (at most MAX_DEPTH levels down). */
export function propAtKey(model: ConfigModel, offset: number): Prop | undefined {
  let props = model.topProps;
  for (;;) {
    const p = props.find((q) => q.keyOffset === offset || (q.value.offset <= offset && offset < q.value.offset + q.value.length));
    if (!p || p.keyOffset === offset) return p;
    props = propsOf(p.value);
  }
}

/** The keys next to a property (in its object), itself included. */
export function siblingKeys(model: ConfigModel, prop: Prop): string[] {
  return (prop.owner ? propsOf(prop.owner.value) : model.topProps).map((p) => p.key);
}
