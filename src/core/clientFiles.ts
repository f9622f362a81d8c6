/**
 * What a file given to `resolve --client` is, and each client's search order for its auth files.
 * - docker: docker/cli cli/config/config.go Load: $DOCKER_CONFIG/config.json (else ~/.docker/config.json) only. The
 *   fallback to the legacy ~/.dockercfg was removed in docker/cli v23.0 (commit ee218fa); it is listed so that
 *   `resolve` can say it was skipped.
 * - containers/image pkg/docker/config/config.go getAuthFilePaths: $REGISTRY_AUTH_FILE alone when set; else
 *   ${XDG_RUNTIME_DIR}/containers/auth.json, ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json,
 *   $DOCKER_CONFIG/config.json (else ~/.docker/config.json), ~/.dockercfg (legacy format).
 */
import * as path from 'path';
import { dockerConfigFile } from './docker/paths';
import { TOP_LEVEL_FIELDS } from './docker/schema';
import { analyzeManifest, mayHoldPullSecret } from './k8s';
import { t } from './l10n';
import { CandidateFile, ResolveClient } from './clientResolve';

export interface SearchPath {
  file: string;
  legacy: boolean;
}

/** The files a client reads, in order (kubelet has none of its own: its config is a pull secret). */
export function searchOrder(client: ResolveClient, env: NodeJS.ProcessEnv, home: string): SearchPath[] {
  const dockercfg = { file: path.join(home, '.dockercfg'), legacy: true };
  const docker = { file: dockerConfigFile({ ...env, HOME: home }), legacy: false };
  if (client === 'kubelet') return [];
  if (client === 'docker') return [docker, dockercfg];
  if (env.REGISTRY_AUTH_FILE) return [{ file: path.resolve(env.REGISTRY_AUTH_FILE), legacy: false }];
  const out: SearchPath[] = [];
  if (env.XDG_RUNTIME_DIR) out.push({ file: path.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), legacy: false });
  out.push({ file: path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'containers', 'auth.json'), legacy: false });
  out.push(docker, dockercfg);
  return out;
}

/** A plain object whose values are all objects and none of whose keys is a field of config.json (auths, credHelpers ...): the legacy ~/.dockercfg layout. */
export function looksLegacy(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const known = new Set(Object.keys(TOP_LEVEL_FIELDS).map((k) => k.toLowerCase()));
  if (keys.length === 0 || keys.some((k) => known.has(k.toLowerCase()))) return false;
  return keys.every((k) => {
    const v = (value as Record<string, unknown>)[k];
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  });
}

/**
 * A file named with --config as a candidate: a YAML manifest gives its pull secret's config (the first, or the one
 * named `secret`), a ~/.dockercfg is read in the legacy layout, anything else as a config with `auths`.
 */
export function candidateFromText(file: string, text: string, secret?: string): CandidateFile | { usage: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('{') && mayHoldPullSecret(text)) {
    const secrets = analyzeManifest(text).secrets;
    const chosen = secret === undefined ? secrets[0] : secrets.find((s) => s.name === secret);
    if (!chosen) return { usage: secret === undefined ? t('{0} holds no image pull secret', file) : t('{0} holds no image pull secret named "{1}"', file, secret) };
    if (chosen.text === undefined) return { file, readError: t('the pull secret cannot be decoded') };
    return { file, text: chosen.text, legacy: chosen.type === 'kubernetes.io/dockercfg' };
  }
  if (secret !== undefined) return { usage: t('--secret needs a YAML manifest holding pull secrets') };
  return { file, text, legacy: path.basename(file) === '.dockercfg' || looksLegacy(text) };
}
