/** Where the docker CLI takes credentials for a registry (docker/cli configfile + credentials). */
import { analyze } from './analyze';
import { buildModel } from './model';
import { decodeAuth } from './auth';
import { AuthEntry, ConfigModel, containsAuth, fieldValue, helperFor, secretFields } from './model';
import { registryOfImage } from './registry';

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
  const result = (source: CredentialSource, helper: string | null, entry: string | null, username: string | null): Resolution => ({
    registry,
    key,
    source,
    helper,
    entry,
    username,
  });
  const choice = helperFor(model, key);
  if (choice) return result(choice.via, choice.helper, null, null);
  if (!containsAuth(model)) {
    const detected = options.defaultStore?.();
    if (detected) return { ...result('credsStore', detected, null, null), detectedStore: true };
  }
  const { entry, candidates } = plaintextLookup(model, key);
  if (!entry || !entry.isObject) return result('none', null, null, null);
  const extra = candidates.length > 1 ? { candidates: candidates.map((c) => c.key) } : {};
  if (secretFields(entry).length === 0) return { ...result('none', null, entry.key, null), ...extra };
  const undecoded = partial && fieldValue(entry, 'auth') !== '' ? { undecoded: true } : {};
  return { ...result('auths', null, entry.key, usernameOf(entry, !partial)), ...extra, ...undecoded };
}

export function resolveImage(text: string, image: string, options: ResolveOptions = {}): Resolution {
  const { registry, key } = registryOfImage(image);
  const { model, load } = analyze(text);
  if (load === 'ignored') return { ...resolveKey(buildModel('', undefined), registry, key, options), fileIgnored: true };
  return resolveKey(model, registry, key, options, load === 'partial');
}
