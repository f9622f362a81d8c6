/** Where the docker CLI takes credentials for a registry (docker/cli configfile + credentials). */
import { analyze } from './analyze';
import { decodeAuth } from './auth';
import { AuthEntry, ConfigModel, containsAuth, fieldValue, helperFor, secretFields } from './model';
import { convertToHostname, registryOfImage } from './registry';

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
  const candidates = [...model.auths.values()].filter((e) => convertToHostname(e.key) === key);
  return { entry: candidates[0], candidates };
}

export function usernameOf(entry: AuthEntry): string | null {
  const auth = fieldValue(entry, 'auth');
  if (auth) {
    const d = decodeAuth(auth);
    return d.ok ? d.username : null;
  }
  return fieldValue(entry, 'username') || null;
}

export function resolveKey(model: ConfigModel, registry: string, key: string, options: ResolveOptions = {}): Resolution {
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
  return { ...result('auths', null, entry.key, usernameOf(entry)), ...extra };
}

export function resolveImage(text: string, image: string, options: ResolveOptions = {}): Resolution {
  const { registry, key } = registryOfImage(image);
  return resolveKey(analyze(text).model, registry, key, options);
}
