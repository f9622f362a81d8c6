/**
 * Moving plaintext secrets into a credential helper: what `docker login` does when a store is
 * configured. Per entry: ask the helper (get, exactly as docker would), store, read back and
 * compare; only then is the entry edited (the secret fields go; the entry goes when nothing else
 * is left in it). Secrets stay in memory for the operation only and never reach a message.
 */
import { isUtf8 } from 'node:buffer';
import { decodeBase64 } from './docker/auth';
import { helperExecutable, validateHelperName } from './docker/helperNames';
import { AuthEntry, ConfigModel, fieldValue, helperFor, secretFields, uniquePath } from './docker/model';
import { DOCKER_HUB_KEY, isMisspelledDockerHubKey } from './docker/registry';
import { AUTH_ENTRY_FIELDS, canonicalField, canonicalTopLevel } from './docker/schema';
import { HelperClient } from './helpers/client';
import { canStore } from './helpers/discovery';
import { change } from './json/edits';
import { Prop, propsOf } from './json/reader';
import { t } from './l10n';
import { Analysis, analyze } from './rules';

/** Fields docker login does not keep in the file when a store holds the secret (email and serveraddress stay). */
const MOVED_FIELDS: ReadonlySet<string> = new Set(['auth', 'username', 'password', 'identitytoken']);
/** docker/cli's native store keeps an identity token as Secret with this Username. */
export const IDENTITY_TOKEN_USERNAME = '<token>';

/** Where the secret goes: the entry's credHelpers helper, credsStore, or a helper the user picks. */
export type MoveVia = 'credHelpers' | 'credsStore' | 'new-store';

export interface MoveCandidate {
  /** The auths key as written. */
  key: string;
  /** The key docker asks the helper with: host[:port], or Docker Hub's URL. */
  registry: string;
  helper?: string;
  via?: MoveVia;
  /** Why the entry cannot be moved. */
  problem?: string;
}

export interface MovePlan {
  candidates: MoveCandidate[];
  /** Some entry has no helper in the file and none was given: the user picks one (it becomes credsStore). */
  needsHelper: boolean;
}

export interface MoveOptions {
  /** The helper for entries no helper in the file handles; it becomes credsStore. */
  helper?: string;
  /** Only these auths keys (default: every entry holding a secret). */
  keys?: readonly string[];
  /** Also write credHelpers[registry] for each moved entry (podman, skopeo and buildah ignore credsStore). */
  alsoCredHelpers?: boolean;
}

export interface MoveRunOptions extends MoveOptions {
  signal?: AbortSignal;
  /** Called before each entry. */
  onProgress?: (done: number, total: number, key: string) => void;
}

export interface MovedEntry {
  key: string;
  registry: string;
  helper: string;
  via: MoveVia;
  /** Not secret: the username the helper now returns (`<token>` for an identity token). */
  username: string;
  /** The helper already held exactly these credentials: nothing was stored. */
  already?: boolean;
}

export interface NotMoved {
  key: string;
  /** Secret-free. */
  reason: string;
}

export interface MoveResult {
  moved: MovedEntry[];
  notMoved: NotMoved[];
  /** The new text (the input when nothing moved). */
  text: string;
  /** Set when the file got a new credsStore. */
  credsStore?: string;
  /** credHelpers entries added: registry -> helper. */
  credHelpers: Array<{ registry: string; helper: string }>;
}

/** The last top-level property docker reads as `name` (case-insensitive), and whether it is written once. */
function topLevel(model: ConfigModel, name: string): { prop?: Prop; once: boolean } {
  const props = model.topProps.filter((p) => canonicalTopLevel(p.key) === name);
  return { prop: props[props.length - 1], once: props.length <= 1 };
}

/** One credential as a helper keeps it, with the exact bytes it came from (the JSON strings carry UTF-8). */
interface Held {
  username: string;
  secret: string;
  usernameBytes: Buffer;
  secretBytes: Buffer;
}

/** `s` has no lone surrogate, so its UTF-8 bytes are exactly the text (Go reads a lone one as U+FFFD). */
function wellFormed(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

const heldOf = (username: string, secret: string): Held => ({ username, secret, usernameBytes: Buffer.from(username, 'utf8'), secretBytes: Buffer.from(secret, 'utf8') });

/**
 * The one credential a helper would hold for this entry, when every secret value of the entry is
 * that credential byte for byte; otherwise why not (secret-free). Docker reads "auth" (its
 * username:password split at the first ":") over the fields, and the identity token over both;
 * podman and skopeo read only "auth". Whatever a helper cannot give back exactly stays in the file.
 */
function credentialsOf(entry: AuthEntry): Held | { problem: string } {
  const user = fieldValue(entry, 'username');
  const password = fieldValue(entry, 'password');
  const token = fieldValue(entry, 'identitytoken');
  const auth = fieldValue(entry, 'auth');
  for (const [name, value] of [['username', user], ['password', password], ['identitytoken', token]]) {
    if (!wellFormed(value)) return { problem: t('"{0}" holds an escape for a lone UTF-16 surrogate, which is not valid Unicode: docker reads it as U+FFFD, so a helper cannot give back what the file holds. It stays in the file.', name) };
  }
  let creds = heldOf(user, password);
  if (auth) {
    const b = decodeBase64(auth);
    const colon = b.ok ? b.bytes.indexOf(0x3a) : -1;
    if (!b.ok || colon <= 0) return { problem: t('The "auth" value cannot be decoded (see invalid-auth); fix it first.') };
    const usernameBytes = b.bytes.subarray(0, colon);
    const secretBytes = b.bytes.subarray(colon + 1);
    if (!isUtf8(usernameBytes) || !isUtf8(secretBytes)) {
      return { problem: t('The username or password in "auth" is not valid UTF-8 (e.g. a Latin-1 byte). A credential helper keeps only UTF-8 text, so it would hold other bytes than the registry expects. It stays in the file.') };
    }
    if (secretBytes[0] === 0 || secretBytes[secretBytes.length - 1] === 0) {
      return { problem: t('The password in "auth" starts or ends with a NUL byte, which docker strips when it reads the file but not when it reads a helper. It stays in the file.') };
    }
    creds = { username: usernameBytes.toString('utf8'), secret: secretBytes.toString('utf8'), usernameBytes, secretBytes };
    if ((user && user !== creds.username) || (password && password !== creds.secret)) {
      return { problem: t('The "username" or "password" field disagrees with "auth": two credentials (docker and podman use "auth"), and a credential helper keeps one per registry. It stays in the file; make them agree or remove the fields, then move it.') };
    }
  }
  if (!token) return creds;
  if (creds.secret) {
    return { problem: t('The entry holds a password and an "identitytoken": two credentials (docker uses the token, podman and skopeo the password in "auth"), and a credential helper keeps one per registry. It stays in the file; remove the one you do not need, then move the other.') };
  }
  return heldOf(IDENTITY_TOKEN_USERNAME, token); // the username goes, as with docker login: it is not a secret
}

/** The helper's answer is exactly `creds`, byte for byte. */
function holdsExactly(got: { username: string; secret: string }, creds: Held): boolean {
  return wellFormed(got.username) && wellFormed(got.secret) && Buffer.from(got.username, 'utf8').equals(creds.usernameBytes) && Buffer.from(got.secret, 'utf8').equals(creds.secretBytes);
}

function movedFieldsOf(entry: AuthEntry): Prop[] {
  return propsOf(entry.prop.value).filter((p) => MOVED_FIELDS.has(canonicalField(p.key, AUTH_ENTRY_FIELDS) ?? ''));
}

function problemOf(analysis: Analysis, entry: AuthEntry): string | undefined {
  const model = analysis.model;
  if (analysis.load === 'ignored') return t('Docker cannot read this file (see json-syntax or wrong-type); fix it first.');
  if (isMisspelledDockerHubKey(entry.key)) return t('Docker never reads "{0}" (its Docker Hub key is "{1}"); rename the key first.', entry.key, DOCKER_HUB_KEY);
  if (entry.key.includes('*')) return t('"{0}" names no registry (docker has no wildcards).', entry.key);
  if (!uniquePath(model, entry)) return t('"{0}" is written more than once; keep one first.', entry.key);
  const names = movedFieldsOf(entry).map((p) => canonicalField(p.key, AUTH_ENTRY_FIELDS));
  if (new Set(names).size !== names.length) return t('A field of "{0}" is written more than once; keep one first.', entry.key);
  if (fieldValue(entry, 'registrytoken')) return t('The entry holds a "registrytoken", which a credential helper cannot keep.');
  const creds = credentialsOf(entry);
  if ('problem' in creds) return creds.problem;
  for (const name of ['credsStore', 'credHelpers']) {
    const { prop, once } = topLevel(model, name);
    const okType = !prop || prop.value.type === (name === 'credsStore' ? 'string' : 'object') || prop.value.type === 'null';
    if (!once || !okType) return t('"{0}" is written more than once or has the wrong type; fix it first.', name);
  }
  return undefined;
}

function targetOf(model: ConfigModel, entry: AuthEntry, options: MoveOptions): Pick<MoveCandidate, 'helper' | 'via' | 'problem'> {
  const own = model.credHelpers.get(entry.registry);
  let target: Pick<MoveCandidate, 'helper' | 'via'>;
  if (own && !own.value) {
    return { problem: t('credHelpers maps {0} to "", which turns the store off for it: docker reads this entry, not a helper. Name a helper there first.', entry.registry) };
  } else if (own) target = { helper: own.value, via: 'credHelpers' };
  else if (model.credsStore?.value) target = { helper: model.credsStore.value, via: 'credsStore' };
  else if (options.helper) target = { helper: options.helper, via: 'new-store' };
  else return {};
  const invalid = validateHelperName(target.helper!);
  if (invalid) return { ...target, problem: t('The helper "{0}" cannot be run: {1}.', target.helper!, invalid) };
  if (!canStore(target.helper!)) return { ...target, problem: t('"{0}" only generates tokens and cannot store a secret.', helperExecutable(target.helper!)) };
  return target;
}

/** The entries with a secret docker reads, where each would go, and what stops a move. */
export function planMove(analysis: Analysis, options: MoveOptions = {}): MovePlan {
  const model = analysis.model;
  const candidates: MoveCandidate[] = [];
  for (const entry of model.authEntries) {
    if (model.auths.get(entry.key) !== entry || !entry.isObject || secretFields(entry).length === 0) continue;
    if (options.keys && !options.keys.includes(entry.key)) continue;
    const problem = problemOf(analysis, entry);
    candidates.push({ key: entry.key, registry: entry.registry, ...(problem ? { problem } : targetOf(model, entry, options)) });
  }
  return { candidates, needsHelper: candidates.some((c) => !c.problem && !c.helper) };
}

/**
 * Moves the secrets: for each entry, `get` first (a helper that already holds other credentials
 * for the registry is never overwritten), then store, read back and compare; on any failure after
 * the store, the helper entry is erased again and the file entry stays. Before the file is edited,
 * every moved entry is asked for once more and compared byte for byte with the bytes the file
 * held: only what the helper gives back exactly leaves the file. Cancelling stops before the next
 * entry.
 */
export async function moveSecrets(text: string, client: HelperClient, options: MoveRunOptions = {}): Promise<MoveResult> {
  const analysis = analyze(text);
  const plan = planMove(analysis, options);
  const moved: Array<MovedEntry & { creds: Held }> = [];
  const notMoved: NotMoved[] = [];
  const runnable = plan.candidates.filter((c) => {
    if (c.problem || !c.helper) notMoved.push({ key: c.key, reason: c.problem ?? t('No credential helper was chosen.') });
    return !c.problem && c.helper;
  });
  for (const [i, c] of runnable.entries()) {
    options.onProgress?.(i, runnable.length, c.key);
    if (options.signal?.aborted) {
      notMoved.push({ key: c.key, reason: t('Cancelled.') });
      continue;
    }
    const outcome = await moveOne(client, analysis.model.auths.get(c.key)!, c as Required<Pick<MoveCandidate, 'helper' | 'via'>> & MoveCandidate);
    if (typeof outcome === 'string') notMoved.push({ key: c.key, reason: outcome });
    else moved.push(outcome);
  }
  const kept: MovedEntry[] = [];
  for (const { creds, ...m } of moved) {
    // Again at the end: a later entry for the same registry, or another writer, may have changed it.
    const now = await client.get(m.helper, m.registry);
    if (now.ok && holdsExactly(now.value, creds)) kept.push(m);
    else notMoved.push({ key: m.key, reason: t('{0} no longer gives back exactly these credentials for {1} when asked again, so they stay in the file.', helperExecutable(m.helper), m.registry) });
  }
  return { ...applyMoves(text, kept, options), moved: kept, notMoved };
}

async function moveOne(client: HelperClient, entry: AuthEntry, c: MoveCandidate & { helper: string; via: MoveVia }): Promise<(MovedEntry & { creds: Held }) | string> {
  const creds = credentialsOf(entry) as Held; // planMove found no problem
  const done = { key: c.key, registry: c.registry, helper: c.helper, via: c.via, username: creds.username, creds };
  const existing = await client.get(c.helper, c.registry);
  if (existing.ok) {
    if (holdsExactly(existing.value, creds)) return { ...done, already: true };
    return t('{0} already holds other credentials for {1}, and docker uses those; they were not overwritten. Remove the plaintext secret if it is stale.', helperExecutable(c.helper), c.registry);
  }
  if (existing.error.kind !== 'not-found') return existing.error.message;
  const stored = await client.storeAndVerify(c.helper, { serverURL: c.registry, username: creds.username, secret: creds.secret });
  const back = stored.ok ? await client.get(c.helper, c.registry) : undefined;
  if (back?.ok && holdsExactly(back.value, creds)) return done;
  const erased = await client.erase(c.helper, c.registry); // back to "not found", as before
  const why = stored.ok ? t('{0} did not give back exactly the bytes that were stored', helperExecutable(c.helper)) : stored.message;
  return erased.ok || erased.error.kind === 'not-found' ? why : t('{0}; erasing them again failed too: {1}', why, erased.error.message);
}

/** The edit for the moved entries, built on `text`; decides between credsStore and credHelpers for a new helper. */
function applyMoves(text: string, moved: readonly MovedEntry[], options: MoveOptions): Omit<MoveResult, 'moved' | 'notMoved'> {
  let out = text;
  for (const m of moved) {
    const model = analyze(out).model;
    const entry = model.auths.get(m.key)!;
    const path = uniquePath(model, entry)!;
    const all = propsOf(entry.prop.value);
    const drop = movedFieldsOf(entry);
    if (drop.length === all.length) out = change(out, path, undefined);
    else for (const p of drop) out = change(out, [...path, p.key], undefined);
  }
  const model = analyze(out).model;
  const credHelpers: MoveResult['credHelpers'] = [];
  const helpersKey = topLevel(model, 'credHelpers').prop?.key ?? 'credHelpers';
  const addHelper = (registry: string, helper: string) => {
    if (model.credHelpers.has(registry) || credHelpers.some((c) => c.registry === registry)) return;
    out = change(out, [helpersKey, registry], helper);
    credHelpers.push({ registry, helper });
  };
  let credsStore: string | undefined;
  const viaNew = moved.filter((m) => m.via === 'new-store');
  if (viaNew.length) {
    // A new credsStore makes docker ask it for every registry: only safe when no plaintext secret docker uses is left.
    const left = model.authEntries.some((e) => model.auths.get(e.key) === e && e.isObject && secretFields(e).length > 0 && !helperFor(model, e.registry));
    if (left) for (const m of viaNew) addHelper(m.registry, m.helper);
    else {
      credsStore = viaNew[0].helper;
      out = change(out, [topLevel(model, 'credsStore').prop?.key ?? 'credsStore'], credsStore);
    }
  }
  if (options.alsoCredHelpers) for (const m of moved) addHelper(m.registry, m.helper);
  return { text: out, credHelpers, ...(credsStore ? { credsStore } : {}) };
}
