/** What docker/cli's `ConfigFile` and `AuthConfig` know, and the JSON types Go decodes them into. */

export type GoType =
  | 'string'
  | 'object-of-strings'
  | 'array-of-strings'
  | 'object-of-objects-of-strings'
  | 'auths'
  | 'proxies';

/** Top-level fields of docker/cli `ConfigFile` (json tags), as written there. */
export const TOP_LEVEL_FIELDS: Readonly<Record<string, GoType>> = {
  auths: 'auths',
  HttpHeaders: 'object-of-strings',
  psFormat: 'string',
  imagesFormat: 'string',
  networksFormat: 'string',
  pluginsFormat: 'string',
  volumesFormat: 'string',
  statsFormat: 'string',
  detachKeys: 'string',
  credsStore: 'string',
  credHelpers: 'object-of-strings',
  serviceInspectFormat: 'string',
  servicesFormat: 'string',
  tasksFormat: 'string',
  secretFormat: 'string',
  configFormat: 'string',
  nodesFormat: 'string',
  pruneFilters: 'array-of-strings',
  proxies: 'proxies',
  currentContext: 'string',
  cliPluginsExtraDirs: 'array-of-strings',
  plugins: 'object-of-objects-of-strings',
  aliases: 'object-of-strings',
  features: 'object-of-strings',
  experimental: 'string',
};

/** Keys docker once read and no longer does. */
export const REMOVED_TOP_LEVEL = new Set(['stackOrchestrator', 'kubernetes']);

export const AUTH_ENTRY_FIELDS = ['auth', 'username', 'password', 'email', 'serveraddress', 'identitytoken', 'registrytoken'] as const;
export type AuthEntryField = (typeof AUTH_ENTRY_FIELDS)[number];

/** Fields whose non-empty value is a secret docker sends to the registry. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['auth', 'password', 'identitytoken', 'registrytoken']);

export const PROXY_FIELDS = ['httpProxy', 'httpsProxy', 'noProxy', 'ftpProxy', 'allProxy'];

/** Go's encoding/json matches a key to a field case-insensitively (exact match first). */
export function canonicalField(key: string, fields: readonly string[]): string | undefined {
  if (fields.includes(key)) return key;
  const lower = key.toLowerCase();
  return fields.find((f) => f.toLowerCase() === lower);
}

const TOP_NAMES = Object.keys(TOP_LEVEL_FIELDS);
export function canonicalTopLevel(key: string): string | undefined {
  return canonicalField(key, TOP_NAMES);
}

/** Misspellings seen in the wild, mapped to the key meant. Keys are lower case. */
const TYPOS: Readonly<Record<string, string>> = {
  credstore: 'credsStore',
  credentialsstore: 'credsStore',
  credentialstore: 'credsStore',
  credsstores: 'credsStore',
  credentialstores: 'credsStore',
  credshelper: 'credHelpers',
  credshelpers: 'credHelpers',
  credhelper: 'credHelpers',
  credentialhelpers: 'credHelpers',
  credentialshelpers: 'credHelpers',
  credentialhelper: 'credHelpers',
  auth: 'auths',
  authconfigs: 'auths',
  httpheader: 'HttpHeaders',
  headers: 'HttpHeaders',
  proxy: 'proxies',
  alias: 'aliases',
  feature: 'features',
};

const ENTRY_TYPOS: Readonly<Record<string, string>> = {
  user: 'username',
  login: 'username',
  pass: 'password',
  passwd: 'password',
  pwd: 'password',
  identity_token: 'identitytoken',
  registry_token: 'registrytoken',
  server: 'serveraddress',
  server_address: 'serveraddress',
  auths: 'auth',
};

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The longest name a suggestion is measured against: a key longer by more than 2 is within no edit distance of 2. */
const LONGEST_KNOWN = Math.max(...TOP_NAMES.map((k) => k.length), ...AUTH_ENTRY_FIELDS.map((k) => k.length));

function suggest(key: string, known: readonly string[], typos: Readonly<Record<string, string>>): string | undefined {
  const lower = key.toLowerCase().trim();
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  if (Object.prototype.hasOwnProperty.call(typos, lower)) return typos[lower];
  if (lower.length < 4 || lower.length > LONGEST_KNOWN + 2) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

export function suggestTopLevel(key: string): string | undefined {
  return suggest(key, TOP_NAMES, TYPOS);
}

export function suggestEntryField(key: string): string | undefined {
  return suggest(key, AUTH_ENTRY_FIELDS, ENTRY_TYPOS);
}
