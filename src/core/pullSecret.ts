/**
 * Exporting a Kubernetes image pull secret: the credentials docker would send for some registries (the
 * helper's `get` when one handles the registry, else the plaintext entry, as docker/cli's credential store
 * picks them), written as a `kubernetes.io/dockerconfigjson` Secret that kubelet reads
 * (kubernetes pkg/credentialprovider config.go: `auths` only, `auth` plus `username`/`password`, no helper).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempFileFor } from './atomicWrite';
import { decodeAuth, encodeAuth } from './docker/auth';
import { buildModel, fieldValue } from './docker/model';
import { convertToHostname, DOCKER_HUB_KEY, registryOfImage } from './docker/registry';
import { HelperClient } from './helpers/client';
import { t } from './l10n';
import { plaintextLookup, resolveKey, ResolveOptions } from './resolve';
import { analyze } from './rules';

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** One registry of the export: the key written, where docker takes the credentials from, the username. */
export interface ExportedRegistry {
  registry: string;
  key: string;
  source: 'credHelpers' | 'credsStore' | 'auths';
  helper: string | null;
  username: string;
}

export interface ExportProblem {
  registry: string;
  /** Our own words; never a secret, never a helper's text. */
  reason: string;
}

export interface PullSecretExport {
  /** The Secret as YAML (holds the secrets); undefined when some registry has no usable credentials. */
  yaml?: string;
  registries: ExportedRegistry[];
  problems: ExportProblem[];
  /** Tokens that expire, and how to refresh them (never the token). */
  warnings: string[];
}

/** The key docker looks up for a registry given on the command line (a host, a URL, or Docker Hub in any spelling). */
export function registryKeyOf(arg: string): { registry: string; key: string } {
  const host = convertToHostname(arg.trim()).toLowerCase();
  if (HUB_HOSTS.has(host)) return { registry: 'docker.io', key: DOCKER_HUB_KEY };
  const r = registryOfImage(`${convertToHostname(arg.trim())}/x`);
  return r.registry === 'docker.io' ? { registry: host, key: host } : r;
}

/** Kubernetes object names: a DNS-1123 subdomain (names) or label (namespaces). */
export function validObjectName(name: string, label = false): boolean {
  if (name.length === 0 || name.length > (label ? 63 : 253)) return false;
  return label ? /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) : /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name);
}

/** The `exp` of a JWT (seconds since the epoch), or null when `token` is a JWT without one, or undefined for no JWT. */
function jwtExpiry(token: string): number | null | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 64 * 1024) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || !('alg' in header)) return undefined;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload?.exp === 'number' ? payload.exp : null;
  } catch {
    return undefined;
  }
}

function expiryWarning(r: ExportedRegistry, password: string, now: number): string | undefined {
  const refresh = t('Export it again to refresh it (for example from a CronJob), or use a kubelet credential provider.');
  if (r.helper === 'ecr-login' || /\.dkr\.ecr\.[^.]+\.amazonaws\.com(\.cn)?$/.test(r.registry)) {
    return `${t('{0}: Amazon ECR passwords are tokens that expire after 12 hours.', r.registry)} ${refresh}`;
  }
  if (r.username === 'oauth2accesstoken') return `${t('{0}: an OAuth2 access token (gcloud) expires after about an hour.', r.registry)} ${refresh}`;
  const exp = jwtExpiry(password);
  if (exp === undefined) return undefined;
  if (exp === null) return `${t('{0}: the password is a token (JWT); it may expire.', r.registry)} ${refresh}`;
  const when = new Date(exp * 1000).toISOString();
  return exp * 1000 <= now ? `${t('{0}: the password is a token (JWT) that expired at {1}.', r.registry, when)} ${refresh}` : `${t('{0}: the password is a token (JWT) that expires at {1}.', r.registry, when)} ${refresh}`;
}

export interface ExportOptions extends ResolveOptions {
  name: string;
  namespace?: string;
  /** For the expiry warnings (default: now). */
  now?: number;
}

/** The YAML of a dockerconfigjson Secret holding `config`. Name and namespace are validated by the caller. */
function secretYaml(name: string, namespace: string | undefined, config: string): string {
  const lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`];
  if (namespace) lines.push(`  namespace: ${namespace}`);
  lines.push('type: kubernetes.io/dockerconfigjson', 'data:', `  .dockerconfigjson: ${Buffer.from(config, 'utf8').toString('base64')}`, '');
  return lines.join('\n');
}

/**
 * The credentials docker would send for each registry, asked from its helper (`get`) or read from the file,
 * as a Secret. Identity tokens (helper username `<token>`, `identitytoken`) are refused: kubelet cannot use them.
 */
export async function exportPullSecret(text: string, registries: string[], client: HelperClient, options: ExportOptions): Promise<PullSecretExport> {
  const { model, load } = analyze(text);
  const docker = load === 'ignored' ? buildModel('', undefined) : model;
  const out: PullSecretExport = { registries: [], problems: [], warnings: [] };
  const auths: Record<string, { username: string; password: string; auth: string }> = {};
  const now = options.now ?? Date.now();
  for (const arg of registries) {
    const { registry, key } = registryKeyOf(arg);
    if (auths[key]) continue;
    const problem = (reason: string) => out.problems.push({ registry, reason });
    const r = resolveKey(docker, registry, key, options, load === 'partial');
    let username: string;
    let password: string;
    if (r.source === 'credHelpers' || r.source === 'credsStore') {
      const got = await client.get(r.helper!, key);
      if (!got.ok) {
        problem(got.error.kind === 'not-found' ? t('the credential helper {0} has no credentials for {1}', r.helper!, key) : got.error.message);
        continue;
      }
      ({ username, secret: password } = got.value);
    } else if (r.source === 'auths') {
      const entry = plaintextLookup(docker, key).entry!;
      const auth = fieldValue(entry, 'auth');
      const decoded = auth ? decodeAuth(auth) : undefined;
      if (decoded && !decoded.ok) {
        problem(t('the "auth" of {0} does not decode', entry.key));
        continue;
      }
      username = decoded?.ok ? decoded.username : fieldValue(entry, 'username');
      password = decoded?.ok ? decoded.password : fieldValue(entry, 'password');
      if (!password && fieldValue(entry, 'identitytoken')) username = '<token>';
    } else {
      problem(t('docker has no credentials for {0} (no helper, no entry in the file)', key));
      continue;
    }
    if (username === '<token>') {
      problem(t('{0} is an identity token, which kubelet cannot use; log in with a password or an access token', key));
      continue;
    }
    if (username.includes(':')) {
      problem(t('the username for {0} holds ":", which kubelet cannot read back from "auth"', key));
      continue;
    }
    if (!password) {
      problem(t('the credentials for {0} have no password', key));
      continue;
    }
    auths[key] = { username, password, auth: encodeAuth(username, password) };
    const exported: ExportedRegistry = { registry, key, source: r.source, helper: r.helper, username };
    out.registries.push(exported);
    const warning = expiryWarning(exported, password, now);
    if (warning) out.warnings.push(warning);
  }
  if (out.problems.length === 0 && out.registries.length > 0) out.yaml = secretYaml(options.name, options.namespace, JSON.stringify({ auths }));
  return out;
}

/** Writes a file only its owner can read (0600), atomically: a temp file next to it, flushed, renamed over it. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const tmp = tempFileFor(path.resolve(file));
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may have narrowed it; never widened
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
