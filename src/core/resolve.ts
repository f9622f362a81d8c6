/** Where the docker CLI takes credentials for a registry (docker/cli configfile + credentials). */
import { decodeAuth } from './docker/auth';
import { helperExecutable } from './docker/helperNames';
import { AuthEntry, ConfigModel, buildModel, containsAuth, fieldValue, helperFor, secretFields } from './docker/model';
import { registryOfImage } from './docker/registry';
import { printable } from './display';
import { HelperClient } from './helpers/client';
import { holdsSecret } from './helpers/scrub';
import { t } from './l10n';
import { analyze } from './rules';

export type CredentialSource = 'credHelpers' | 'credsStore' | 'auths' | 'none';

export interface Resolution {
  /** The registry as docker names it (`docker.io`, or host[:port]). */
  registry: string;
  /** The key docker looks up (Docker Hub: https://index.docker.io/v1/). */
  key: string;
  source: CredentialSource;
  helper: string | null;
  /** The auths key docker reads (for `none`: the empty placeholder it found), or null. */
  entry: string | null;
  /** The username docker would send, when the file alone tells it. */
  username: string | null;
  /** Several auths keys match this registry and none exactly: docker picks one at random. */
  candidates?: string[];
  /** The helper was not named in the file: docker picked its platform default (no auth settings at all). */
  detectedStore?: boolean;
  /** Docker loaded the file only in part: the entry's `auth` may go out undecoded. */
  undecoded?: boolean;
  /** Docker ignores the whole file (a syntax error). */
  fileIgnored?: boolean;
  /**
   * Only with the helper asked (`resolve --run-helpers`): what it answered to `get` with the key.
   * `not-found`: docker sends empty credentials (no fallback). `failed`: docker pull and push fall
   * back to the plaintext entry (source/entry/username then describe it), docker create fails.
   */
  helperAnswer?: 'found' | 'not-found' | 'failed';
  /**
   * The helper's error (helperAnswer `failed`), or why its answer is not shown (a username holding a
   * secret). Our own words, never the helper's text; control characters escaped.
   */
  helperError?: string;
}

export interface ResolveOptions {
  /**
   * docker/cli `DetectDefaultStore`: with no auth settings in the file, docker uses its platform
   * default helper when it is on PATH. Return that helper's name, or undefined for none.
   */
  defaultStore?: () => string | undefined;
}

/** docker/cli fileStore.Get: the exact key first, else any key with the same host[:port]. */
export function plaintextLookup(model: ConfigModel, key: string): { entry?: AuthEntry; candidates: AuthEntry[] } {
  const exact = model.auths.get(key);
  if (exact) return { entry: exact, candidates: [exact] };
  const candidates = [...model.auths.values()].filter((e) => e.host === key);
  return { entry: candidates[0], candidates };
}

export function usernameOf(entry: AuthEntry, decodesAuth = true): string | null {
  const auth = fieldValue(entry, 'auth');
  if (auth && !decodesAuth) return null;
  if (auth) {
    const d = decodeAuth(auth);
    return d.ok ? d.username : null;
  }
  return fieldValue(entry, 'username') || null;
}

export function resolveKey(model: ConfigModel, registry: string, key: string, options: ResolveOptions = {}, partial = false): Resolution {
  const choice = helperFor(model, key);
  if (choice) return { registry, key, source: choice.via, helper: choice.helper, entry: null, username: null };
  if (!containsAuth(model)) {
    const detected = options.defaultStore?.();
    if (detected) return { registry, key, source: 'credsStore', helper: detected, entry: null, username: null, detectedStore: true };
  }
  return plaintextResolution(model, registry, key, partial);
}

/** docker/cli's file store: what docker sends from the plaintext entries alone. */
function plaintextResolution(model: ConfigModel, registry: string, key: string, partial: boolean): Resolution {
  const result = (source: CredentialSource, entry: string | null, username: string | null): Resolution => ({ registry, key, source, helper: null, entry, username });
  const { entry, candidates } = plaintextLookup(model, key);
  if (!entry || !entry.isObject) return result('none', null, null);
  const extra = candidates.length > 1 ? { candidates: candidates.map((c) => c.key) } : {};
  if (secretFields(entry).length === 0) return { ...result('none', entry.key, null), ...extra };
  const undecoded = partial && fieldValue(entry, 'auth') !== '' ? { undecoded: true } : {};
  return { ...result('auths', entry.key, usernameOf(entry, !partial)), ...extra, ...undecoded };
}

/** The model docker reads (an empty one when it ignores the file) and the registry of the image. */
function prepare(text: string, image: string) {
  const { registry, key } = registryOfImage(image);
  const { model, load } = analyze(text);
  const ignored = load === 'ignored';
  return { registry, key, model: ignored ? buildModel('', undefined) : model, partial: load === 'partial', ignored };
}

export function resolveImage(text: string, image: string, options: ResolveOptions = {}): Resolution {
  const { registry, key, model, partial, ignored } = prepare(text, image);
  const r = resolveKey(model, registry, key, options, partial);
  return ignored ? { ...r, fileIgnored: true } : r;
}

/** Every secret of the file, with its username: `auth` (raw, and the password it decodes to), `password`, `identitytoken`, `registrytoken`. */
export function fileSecrets(model: ConfigModel): Array<{ secret: string; username?: string }> {
  const out: Array<{ secret: string; username?: string }> = [];
  for (const entry of model.authEntries) {
    const username = fieldValue(entry, 'username');
    const auth = fieldValue(entry, 'auth');
    if (auth) {
      out.push({ secret: auth });
      const d = decodeAuth(auth);
      if (d.ok) out.push({ secret: d.password, username: d.username });
    }
    out.push({ secret: fieldValue(entry, 'password'), username }, { secret: fieldValue(entry, 'identitytoken') }, { secret: fieldValue(entry, 'registrytoken') });
  }
  return out.filter((s) => s.secret !== '');
}

/**
 * resolveImage, then the helper asked exactly as docker asks it (`get` with the key on stdin):
 * the username it returns is the one docker sends, unless it holds a secret of the file or the
 * helper's own secret (then it is withheld). The secret is dropped at once.
 */
export async function resolveImageWithHelper(text: string, image: string, client: HelperClient, options: ResolveOptions = {}): Promise<Resolution> {
  const r = resolveImage(text, image, options);
  if (r.source !== 'credHelpers' && r.source !== 'credsStore') return r;
  const got = await client.get(r.helper!, r.key);
  const { model, partial } = prepare(text, image);
  if (got.ok) {
    const { username, secret } = got.value;
    // Every secret written in the file, even when docker ignores the file.
    if (holdsSecret(username, [...fileSecrets(analyze(text).model), { secret, username }])) {
      return { ...r, helperAnswer: 'found', helperError: t('{0} answered with a username that holds a secret (of this file or its own answer); it is not shown', helperExecutable(r.helper!)) };
    }
    return { ...r, username, helperAnswer: 'found' };
  }
  if (got.error.kind === 'not-found') return { ...r, helperAnswer: 'not-found' };
  if (got.error.kind === 'invalid-name') return { ...r, helperError: printable(got.error.message) }; // not run: see helper-name
  const fallback = plaintextResolution(model, r.registry, r.key, partial);
  return { ...r, ...fallback, helper: r.helper, helperAnswer: 'failed', helperError: printable(got.error.message) };
}
