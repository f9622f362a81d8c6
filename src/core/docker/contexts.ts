/**
 * Docker contexts (docker/cli cli/context/store): a context named N is stored in
 * `contexts/meta/<sha256 hex of N>/meta.json` next to config.json; `default` is built in and never stored.
 * `readContexts` is the only part that reads the disk: adapters call it and pass the result to the rules
 * (CheckOptions.contexts) and hovers as data.
 */
import type * as Crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface ContextInfo {
  name: string;
  /** The docker endpoint's Host (e.g. unix:///var/run/docker.sock, ssh://host), when the file names one. */
  host?: string;
}

/** The contexts found next to a config file, by name. */
export interface ContextStore {
  contexts: readonly ContextInfo[];
}

/** The directory name docker gives a context (docker/cli store: digest.FromString(name).Encoded()). */
export function contextDirName(name: string): string {
  // crypto is loaded here, not with the bundle: most configs name no context (faster start)
  return (require('crypto') as typeof Crypto).createHash('sha256').update(name, 'utf8').digest('hex');
}

export function findContext(store: ContextStore, name: string): ContextInfo | undefined {
  return store.contexts.find((c) => c.name === name);
}

const MAX_CONTEXTS = 1000;
const MAX_META_BYTES = 1 << 20;

/** Reads `contexts/meta/*\/meta.json` under `configDir`; a meta.json whose directory is not sha256(Name) is one docker cannot find, and is left out. */
export function readContexts(configDir: string): ContextStore {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  let dirs: string[];
  try {
    dirs = fs.readdirSync(metaDir).slice(0, MAX_CONTEXTS);
  } catch {
    return { contexts: [] };
  }
  const contexts: ContextInfo[] = [];
  for (const dir of dirs) {
    const info = readMeta(path.join(metaDir, dir, 'meta.json'));
    if (info && contextDirName(info.name) === dir) contexts.push(info);
  }
  contexts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { contexts };
}

function readMeta(file: string): ContextInfo | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_META_BYTES) return undefined;
    const meta: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isObject(meta) || typeof meta.Name !== 'string') return undefined;
    const endpoints = meta.Endpoints;
    const docker = isObject(endpoints) ? endpoints.docker : undefined;
    const host = isObject(docker) && typeof docker.Host === 'string' ? docker.Host : undefined;
    return host === undefined ? { name: meta.Name } : { name: meta.Name, host };
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
