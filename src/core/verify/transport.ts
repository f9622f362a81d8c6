/**
 * One HTTP(S) request for `verify`: node's http/https with the options injected (CAs, time limits,
 * proxy). HTTP only to loopback hosts or with `insecure`; HTTPS_PROXY/NO_PROXY as Go's
 * ProxyFromEnvironment reads them (loopback never through a proxy). The body is read up to a cap.
 */
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Net from 'node:net';
import type * as Tls from 'node:tls';

// Loaded at the first request, not with the bundle: every `check` would otherwise pay for them (about 10 ms of a
// 60 ms start; the single-file ratio of `npm run bench`).
const http = (): typeof Http => require('node:http');
const https = (): typeof Https => require('node:https');
const net = (): typeof Net => require('node:net');
const tls = (): typeof Tls => require('node:tls');

export interface TransportOptions {
  /** PEM certificates trusted on top of the system's. */
  ca: string[];
  /** HTTP allowed to any host (else only to loopback). */
  insecure: boolean;
  /** Per request (default 10 s). */
  timeoutMs: number;
  /** Absolute time (Date.now()) after which nothing more is sent. */
  deadline: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface Reply {
  status: number;
  headers: Http.IncomingHttpHeaders;
  body: Buffer;
}

export type FailureKind = 'tls' | 'unreachable' | 'timeout' | 'refused-http' | 'too-large';

export class TransportError extends Error {
  constructor(readonly kind: FailureKind, readonly code: string) {
    super(code);
  }
}

const MAX_BODY = 1024 * 1024;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net().isIPv4(h)) return h.startsWith('127.');
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** Go's httpproxy: NO_PROXY entries are `*`, hosts (suffix match on a domain) or host:port. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (isLoopback(url.hostname)) return undefined;
  const get = (n: string): string => env[n] ?? env[n.toLowerCase()] ?? '';
  const raw = url.protocol === 'https:' ? get('HTTPS_PROXY') : get('HTTP_PROXY');
  if (!raw) return undefined;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const item of get('NO_PROXY').split(',')) {
    const e = item.trim().toLowerCase();
    if (!e) continue;
    if (e === '*') return undefined;
    const [eHost, ePort] = e.startsWith('[') ? [e.slice(1, e.indexOf(']')), e.split(']:')[1]] : e.split(':');
    if (ePort && ePort !== port) continue;
    const bare = eHost.replace(/^\*?\./, '');
    if (host === bare || host.endsWith('.' + bare)) return undefined;
  }
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_OSSL)/;

function classify(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const code = String((e as { code?: unknown }).code ?? (e as Error).name ?? 'error');
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(String((e as Error).message))) return new TransportError('tls', code);
  return new TransportError('unreachable', code);
}

/** A CONNECT tunnel through the proxy to host:port. */
function tunnel(proxy: URL, host: string, port: string, timeoutMs: number): Promise<Net.Socket> {
  return new Promise((resolve, reject) => {
    const req = http().request({ host: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: `${host}:${port}`, timeout: timeoutMs, headers: { host: `${host}:${port}` } });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new TransportError('unreachable', `proxy ${res.statusCode}`));
      }
    });
    req.on('timeout', () => req.destroy(new TransportError('timeout', 'timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function request(url: URL, method: 'GET' | 'POST', headers: Record<string, string>, body: string | undefined, o: TransportOptions): Promise<Reply> {
  const left = o.deadline - Date.now();
  if (left <= 0) throw new TransportError('timeout', 'deadline');
  if (url.protocol === 'http:' && !o.insecure && !isLoopback(url.hostname)) throw new TransportError('refused-http', 'http');
  const timeoutMs = Math.min(o.timeoutMs, left);
  const secure = url.protocol === 'https:';
  const port = url.port || (secure ? '443' : '80');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const proxy = proxyFor(url, o.env);
    const socket = proxy && secure ? await tunnel(proxy, host, port, timeoutMs) : undefined;
    const via = proxy && !secure;
    const ca = [...tls().rootCertificates, ...o.ca];
    const options: Https.RequestOptions = {
      method,
      host: via ? proxy!.hostname : host,
      port: via ? proxy!.port || 80 : port,
      path: via ? url.href : url.pathname + url.search,
      headers: { ...headers, host: url.host, 'user-agent': 'docker-config-guard', ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      timeout: timeoutMs,
      agent: false,
      signal: o.signal,
      ...(secure ? { ca, servername: net().isIP(host) ? undefined : host, rejectUnauthorized: true } : {}),
      ...(socket ? { createConnection: () => tls().connect({ socket, ca, servername: net().isIP(host) ? undefined : host }) } : {}),
    };
    return await new Promise<Reply>((resolve, reject) => {
      const req = (secure ? https() : http()).request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) req.destroy(new TransportError('too-large', 'body'));
          else chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new TransportError('timeout', 'timeout')));
      req.on('error', reject);
      req.end(body);
    });
  } catch (e) {
    throw classify(e);
  }
}
