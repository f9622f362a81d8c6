/**
 * `verify`: what `docker login` does with the credentials docker would use (docker/cli + distribution's
 * registry/client/auth): GET /v2/; on 401 follow WWW-Authenticate, Basic (the credentials) or Bearer
 * (the token realm, with the credentials or the identity token as refresh token, then /v2/ again).
 * Credentials go only to the registry or to the realm it announces, over HTTPS (HTTP only on loopback
 * or with `insecure`). `detail` is our own words: never a secret, never the server's text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printable } from '../display';
import { HelperClient } from '../helpers/client';
import { holdsSecret } from '../helpers/scrub';
import { t } from '../l10n';
import { CredentialSource, ResolveOptions } from '../resolve';
import { parseChallenges } from './challenge';
import { LoginCredentials, credentialsFor } from './credentials';
import { Reply, TransportError, TransportOptions, isLoopback, request } from './transport';

export type VerifyStatus = 'ok' | 'unauthorized' | 'no-credentials' | 'token-error' | 'tls-error' | 'unreachable' | 'error';

export interface VerifyResult {
  registry: string;
  status: VerifyStatus;
  username: string | null;
  auth: 'basic' | 'bearer' | null;
  source: CredentialSource;
  detail: string;
}

export interface VerifyOptions {
  /** The config file's text, and its directory (for certs.d/<host:port>/). */
  text: string;
  configDir: string;
  client: HelperClient;
  resolve?: ResolveOptions;
  /** Extra CA files (--ca-file). */
  caFiles?: string[];
  /** Docker's system directory of registry CAs (default /etc/docker/certs.d). */
  systemCertsDir?: string;
  insecure?: boolean;
  /** Per request (default 10 s) and for the whole run (default 60 s). */
  timeoutMs?: number;
  totalTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Docker Hub's key is verified against registry-1.docker.io. */
export function endpointOf(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

const MAX_CA_BYTES = 1024 * 1024;

/** docker's client-side convention: every *.crt of certs.d/<host:port>/ (config dir, then /etc/docker/certs.d). */
export function registryCAs(host: string, dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    const d = path.join(dir, host);
    let names: string[];
    try {
      names = fs.readdirSync(d).filter((n) => n.endsWith('.crt'));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      try {
        const f = path.join(d, n);
        if (fs.statSync(f).size <= MAX_CA_BYTES) out.push(fs.readFileSync(f, 'utf8'));
      } catch { /* unreadable: skipped */ }
    }
  }
  return out;
}

function failure(e: unknown, where: string): { status: VerifyStatus; detail: string } {
  if (!(e instanceof TransportError)) return { status: 'error', detail: t('{0}: the request failed', where) };
  switch (e.kind) {
    case 'tls':
      return { status: 'tls-error', detail: t('{0}: the TLS certificate is not trusted or does not match ({1}); add its CA with --ca-file or certs.d/<host:port>/ca.crt', where, printable(e.code)) };
    case 'timeout':
      return { status: 'unreachable', detail: t('{0}: no answer within the time limit', where) };
    case 'refused-http':
      return { status: 'error', detail: t('{0}: plain HTTP is used only for loopback addresses or with --insecure', where) };
    case 'too-large':
      return { status: 'error', detail: t('{0}: the answer is too large', where) };
    default:
      return { status: 'unreachable', detail: t('{0}: cannot connect ({1})', where, printable(e.code)) };
  }
}

const basic = (c: LoginCredentials): string => 'Basic ' + Buffer.from(`${c.username}:${c.password}`).toString('base64');

async function bearerToken(realm: URL, params: Record<string, string>, c: LoginCredentials, o: TransportOptions): Promise<{ token?: string; status?: VerifyStatus; detail?: string }> {
  let reply: Reply;
  if (c.identityToken) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.identityToken, client_id: 'docker-config-guard' });
    if (params.service) form.set('service', params.service);
    if (params.scope) form.set('scope', params.scope);
    reply = await request(realm, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, form.toString(), o);
  } else {
    const url = new URL(realm.href);
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    reply = await request(url, 'GET', { authorization: basic(c) }, undefined, o);
  }
  if (reply.status === 401 || reply.status === 403) return { status: 'unauthorized', detail: t('the token service refused the credentials (HTTP {0})', String(reply.status)) };
  if (reply.status !== 200) return { status: 'token-error', detail: t('the token service answered HTTP {0}', String(reply.status)) };
  try {
    const json = JSON.parse(reply.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    const token = typeof json.token === 'string' && json.token ? json.token : json.access_token;
    if (typeof token === 'string' && token !== '') return { token };
  } catch { /* below */ }
  return { status: 'token-error', detail: t('the token service gave no token') };
}

/** One registry: GET /v2/, then the challenge it answers with. */
export async function verifyOne(registry: string, creds: LoginCredentials, o: TransportOptions): Promise<Omit<VerifyResult, 'registry' | 'username' | 'source'>> {
  const host = endpointOf(registry);
  let base = new URL(`https://${host}/v2/`);
  let first: Reply;
  try {
    first = await request(base, 'GET', {}, undefined, o);
  } catch (e) {
    // docker: a registry on loopback (or marked insecure) that does not speak TLS is tried over HTTP
    const plain = e instanceof TransportError && e.kind === 'tls' && /WRONG_VERSION|EPROTO|PACKET_LENGTH/.test(e.code) && (o.insecure || isLoopback(base.hostname));
    if (!plain) return { auth: null, ...failure(e, host) };
    base = new URL(`http://${host}/v2/`);
    try {
      first = await request(base, 'GET', {}, undefined, o);
    } catch (e2) {
      return { auth: null, ...failure(e2, host) };
    }
  }
  if (first.status === 200) return { auth: null, status: 'ok', detail: t('the registry asks for no credentials') };
  if (first.status !== 401) return { auth: null, status: 'error', detail: t('{0} answered HTTP {1} to /v2/', host, String(first.status)) };
  const raw = first.headers['www-authenticate'];
  const challenges = parseChallenges(Array.isArray(raw) ? raw.join(', ') : raw ?? '');
  const bearer = challenges.find((c) => c.scheme === 'bearer');
  const basicCh = challenges.find((c) => c.scheme === 'basic');
  if (bearer) {
    let realm: URL;
    try {
      realm = new URL(bearer.params.realm ?? '');
    } catch {
      return { auth: 'bearer', status: 'token-error', detail: t('the registry announced no valid token realm') };
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return { auth: 'bearer', status: 'token-error', detail: t('the registry announced no valid token realm') };
    const other = realm.host.toLowerCase() !== base.host.toLowerCase() ? t('the token realm is another host: {0}', printable(realm.host)) + '; ' : '';
    let got;
    try {
      got = await bearerToken(realm, bearer.params, creds, o);
    } catch (e) {
      const f = failure(e, printable(realm.host));
      return { auth: 'bearer', status: f.status === 'error' ? 'token-error' : f.status, detail: other + f.detail };
    }
    if (!got.token) return { auth: 'bearer', status: got.status!, detail: other + got.detail! };
    try {
      const again = await request(base, 'GET', { authorization: `Bearer ${got.token}` }, undefined, o);
      if (again.status === 200) return { auth: 'bearer', status: 'ok', detail: other + t('login succeeded') };
      if (again.status === 401) return { auth: 'bearer', status: 'token-error', detail: other + t('the registry rejected the token the realm issued (expired, or signed with another key)') };
      return { auth: 'bearer', status: 'error', detail: other + t('{0} answered HTTP {1} to /v2/', host, String(again.status)) };
    } catch (e) {
      return { auth: 'bearer', ...failure(e, host) };
    }
  }
  if (basicCh) {
    if (!creds.password) return { auth: 'basic', status: 'no-credentials', detail: t('the registry asks for a password; the credentials hold only an identity token') };
    try {
      const again = await request(base, 'GET', { authorization: basic(creds) }, undefined, o);
      if (again.status === 200) return { auth: 'basic', status: 'ok', detail: t('login succeeded') };
      if (again.status === 401) return { auth: 'basic', status: 'unauthorized', detail: t('the registry refused the username or password') };
      return { auth: 'basic', status: 'error', detail: t('{0} answered HTTP {1} to /v2/', host, String(again.status)) };
    } catch (e) {
      return { auth: 'basic', ...failure(e, host) };
    }
  }
  return { auth: null, status: 'error', detail: t('the registry asked for an authentication scheme docker does not use') };
}

/** Every registry in turn, within the run's time limit. */
export async function verifyRegistries(registries: string[], opts: VerifyOptions): Promise<VerifyResult[]> {
  const deadline = Date.now() + (opts.totalTimeoutMs ?? 60_000);
  const extra: string[] = [];
  for (const f of opts.caFiles ?? []) extra.push(fs.readFileSync(f, 'utf8'));
  const out: VerifyResult[] = [];
  for (const registry of registries) {
    const found = await credentialsFor(opts.text, registry, opts.client, opts.resolve);
    const { resolution: r, credentials: c } = found;
    const secrets = c ? [c.password, c.identityToken].filter((s) => s !== '').map((secret) => ({ secret, username: c.username })) : [];
    const username = c && c.username && !holdsSecret(c.username, secrets) ? printable(c.username) : null;
    const base = { registry, username, source: r.source };
    if (!c) {
      const why = found.helperError ? t('the helper failed: {0}', printable(found.helperError)) : r.helperAnswer === 'not-found' ? t('the helper has no credentials for {0}', printable(r.key)) : t('no credentials for {0}', printable(r.key));
      out.push({ ...base, status: 'no-credentials', auth: null, detail: why });
      continue;
    }
    const host = endpointOf(registry);
    const ca = [...extra, ...registryCAs(host, [path.join(opts.configDir, 'certs.d'), opts.systemCertsDir ?? '/etc/docker/certs.d'])];
    const o: TransportOptions = { ca, insecure: !!opts.insecure, timeoutMs: opts.timeoutMs ?? 10_000, deadline, env: opts.env ?? process.env, signal: opts.signal };
    const res = await verifyOne(registry, c, o);
    out.push({ ...base, ...res });
  }
  return out;
}
