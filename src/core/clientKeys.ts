/**
 * How containers/image and kubelet name an image's registry and compare auth keys with it.
 * - imageRepository: distribution/reference ParseNormalizedNamed (Docker Hub: docker.io, library/ for one-part names).
 * - containersKeyOf: containers/image pkg/docker/config/config.go normalizeAuthFileKey + normalizeRegistry
 *   (Docker Hub's spellings compared as index.docker.io; here named docker.io, the image's registry).
 * - kubeletKeyOf, kubeletMatches: kubernetes pkg/credentialprovider keyring.go (BasicDockerKeyring.Add) and
 *   keyring.go URLsMatch: same number of host parts, each a filepath.Match glob (goMatch.ts: `*`, `?`, `[...]`
 *   classes, `\\` escapes), same port, path prefix.
 */
import { parseGoUrl } from './docker/goUrl';
import { DOCKER_HUB_DOMAIN } from './docker/registry';
import { goFilepathMatch } from './goMatch';

export interface ImageRepository {
  /** docker.io for Docker Hub, else host[:port]. */
  registry: string;
  /** The path after the registry, without tag or digest (library/alpine for alpine). */
  repository: string;
}

export function imageRepository(image: string): ImageRepository {
  let name = image.trim();
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  const slash = name.indexOf('/');
  let registry: string = DOCKER_HUB_DOMAIN;
  let repository = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB_DOMAIN;
  if (registry === DOCKER_HUB_DOMAIN && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository };
}

const HUB_SPELLINGS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The registry containers/image compares an auths key with, after no exact key matched (normalizeAuthFileKey): only
 * an `http://` or `https://` prefix is dropped (no other scheme, no user information, no brackets), and then the key
 * is cut at its first `/`; in the legacy ~/.dockercfg every key is cut there.
 */
export function containersKeyOf(key: string, legacy = false): string {
  let stripped = key.startsWith('http://') ? key.slice(7) : key;
  stripped = stripped.startsWith('https://') ? stripped.slice(8) : stripped;
  if (legacy || stripped !== key) {
    const slash = stripped.indexOf('/');
    if (slash >= 0) stripped = stripped.slice(0, slash);
  }
  return HUB_SPELLINGS.has(stripped) ? DOCKER_HUB_DOMAIN : stripped;
}

/**
 * url.Parse("https://"+key) as kubelet does (keyring.go Add and parseSchemelessURL): undefined when Go refuses it
 * (control characters, spaces, characters such as "^" or "\\" in the host, a bad port, ...); else the host (after
 * any user information) and the path (before any query or fragment).
 */
function splitKey(key: string): { host: string; path: string } | undefined {
  const value = key.startsWith('https://') || key.startsWith('http://') ? key : `https://${key}`;
  const parsed = parseGoUrl(value);
  if (!parsed.ok) return undefined;
  let rest = value.slice(value.indexOf('://') + 3);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const slash = rest.indexOf('/');
  return { host: parsed.host, path: slash >= 0 ? rest.slice(slash) : '' };
}

/** The key kubelet files an auths entry under (BasicDockerKeyring.Add), or undefined when it ignores the entry. */
export function kubeletKeyOf(loc: string): string | undefined {
  const parts = splitKey(loc);
  if (!parts) return undefined;
  let path = parts.path;
  if (path.startsWith('/v2/') || path.startsWith('/v1/')) path = path.slice(3);
  return path.length > 0 && path !== '/' ? parts.host + path : parts.host;
}

function hostParts(host: string): { parts: string[]; port: string } {
  const colon = host.lastIndexOf(':');
  const hasPort = colon >= 0 && !host.endsWith(']');
  return { parts: (hasPort ? host.slice(0, colon) : host).split('.'), port: hasPort ? host.slice(colon + 1) : '' };
}

/** URLsMatchStr(key, image): the key's host parts glob-match the image's, same port, and the image's path starts with the key's. */
export function kubeletMatches(key: string, target: string): boolean {
  const g = splitKey(key);
  const tg = splitKey(target);
  if (!g || !tg) return false;
  const gh = hostParts(g.host);
  const th = hostParts(tg.host);
  if (gh.port !== th.port || gh.parts.length !== th.parts.length) return false;
  if (!tg.path.startsWith(g.path)) return false;
  // filepath.Match per part; a malformed pattern (ErrBadPattern) makes the key match nothing.
  return gh.parts.every((p, i) => goFilepathMatch(p, th.parts[i]).matched);
}
