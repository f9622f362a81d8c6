/** Which files hold registry credentials in a format the core reads, told by their path. */
import * as path from 'path';

/**
 * docker: a Docker client config; containers: a Podman/skopeo/buildah auth file; dockercfg: the legacy
 * ~/.dockercfg (registries at the top, no `auths`; read by containers/image, no longer by docker); manifest: a
 * YAML file that may hold Kubernetes pull secrets (see k8s.ts: mayHoldPullSecret tells from the text).
 */
export type ConfigKind = 'docker' | 'containers' | 'dockercfg' | 'manifest';

export const DOCKER_CONFIG_GLOB = '**/.docker/config.json';
/** `${XDG_RUNTIME_DIR}/containers/auth.json`, `~/.config/containers/auth.json`. */
export const CONTAINERS_AUTH_GLOB = '**/containers/auth.json';
/** The legacy ~/.dockercfg. */
export const DOCKERCFG_GLOB = '**/.dockercfg';

/** The kind of a file by its path; undefined for files that are none of them. */
export function kindOfPath(file: string, env: NodeJS.ProcessEnv = process.env): ConfigKind | undefined {
  const p = '/' + file.replace(/\\/g, '/');
  if (p.endsWith('/containers/auth.json') || isRegistryAuthFile(file, env)) return 'containers';
  if (p.endsWith('/.docker/config.json')) return 'docker';
  if (p.endsWith('/.dockercfg')) return 'dockercfg';
  if (/\.ya?ml$/i.test(p)) return 'manifest';
  return undefined;
}

/** `$REGISTRY_AUTH_FILE`: the auth file podman, skopeo and buildah use instead of the default. */
export function isRegistryAuthFile(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.REGISTRY_AUTH_FILE && path.resolve(file) === path.resolve(env.REGISTRY_AUTH_FILE);
}
