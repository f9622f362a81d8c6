/** How the docker CLI names registries and matches config keys (docker/cli, distribution/reference). */
import { joinGoHostPort, parseGoUrl, splitGoHostPort } from './goUrl';

/** The only key the docker CLI uses for Docker Hub credentials. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/** Docker Hub's registry name: the key containers/image looks up in credHelpers for Docker Hub images. */
export const DOCKER_HUB_DOMAIN = 'docker.io';

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/**
 * docker/cli `credentials.ConvertToHostname` (cli/config/credentials/file_store.go, docker 28.2.2): a key holding
 * "://" that Go's url.Parse reads with a host becomes that host (its port kept, an IPv6 address in brackets), whatever
 * the scheme (`ftp://example.com` is example.com, `https://::1:6555/v2/` is [::1]:6555, user information dropped);
 * any other key is cut at its first `/` (so a key Go refuses, such as `https://a b/`, becomes `https:`).
 */
export function convertToHostname(key: string): string {
  if (key.includes('://')) {
    const u = parseGoUrl(key);
    if (u.ok) {
      const { hostname, port } = splitGoHostPort(u.host);
      if (hostname !== '') return port === '' ? hostname : joinGoHostPort(hostname, port);
    }
  }
  const slash = key.indexOf('/');
  return slash >= 0 ? key.slice(0, slash) : key;
}

/**
 * The registry key docker looks up for a key written in `auths`: Docker Hub's key stays as
 * it is, every other key means its host[:port].
 */
export function registryOfAuthsKey(key: string): string {
  return key === DOCKER_HUB_KEY ? key : convertToHostname(key);
}

/** A key somebody meant for Docker Hub, spelled in a way the docker CLI never looks up. */
export function isMisspelledDockerHubKey(key: string): boolean {
  if (key === DOCKER_HUB_KEY || !/docker\.(io|com)/i.test(key)) return false;
  return HUB_HOSTS.has(convertToHostname(key.trim()).toLowerCase());
}

export interface ImageRegistry {
  /** The registry as docker names it: `docker.io` for Docker Hub, else host[:port]. */
  registry: string;
  /** The key docker looks up in credHelpers, the store and auths. */
  key: string;
}

/**
 * distribution/reference `splitDockerDomain` plus docker's index normalisation: the part before
 * the first `/` is a registry when it holds `.` or `:`, is `localhost`, or has upper case.
 */
export function registryOfImage(image: string): ImageRegistry {
  const name = image.trim();
  const slash = name.indexOf('/');
  let domain = 'docker.io';
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) domain = first;
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  return { registry: domain, key: domain === 'docker.io' ? DOCKER_HUB_KEY : domain };
}
