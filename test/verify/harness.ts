// The real distribution registry (Debian docker-registry) on 127.0.0.1 for the verify suite, with a
// throwaway CA, htpasswd users (Debian apache2-utils) and, for Bearer, a token endpoint of the test's
// own that signs JWTs (RS256, x5c) with a key the registry trusts through `rootcertbundle`.
// Self-contained: nothing here is shared with other suites. Fails loudly when a tool is missing.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const TOOLS = ['/usr/bin/docker-registry', '/usr/bin/htpasswd', '/usr/bin/openssl'];
const ENV = { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), LANG: 'C' };

export function requireTools(): void {
  const missing = TOOLS.filter((t) => !fs.existsSync(t));
  if (missing.length) throw new Error(`the verify suite needs ${missing.join(', ')}: apt-get install -y docker-registry apache2-utils openssl`);
}

const openssl = (dir: string, args: string[]): void => void execFileSync('openssl', args, { cwd: dir, env: ENV, stdio: 'pipe' });

export interface Pki {
  dir: string;
  /** The CA that signed the server certificate (PEM file). */
  caFile: string;
  /** Another CA, which did not. */
  otherCaFile: string;
  certFile: string;
  keyFile: string;
  /** The token signer: its key (PEM) and self-signed certificate (PEM, and DER base64 for x5c). */
  signerKey: string;
  signerCertFile: string;
  signerDer: string;
}

export function makePki(dir: string): Pki {
  const ca = (name: string): void =>
    openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`]);
  ca('ca');
  ca('other-ca');
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.pem', '-days', '2', '-subj', '/CN=token-signer']);
  const signerPem = fs.readFileSync(path.join(dir, 'signer.pem'), 'utf8');
  const signerDer = new crypto.X509Certificate(signerPem).raw.toString('base64');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    otherCaFile: path.join(dir, 'other-ca.pem'),
    certFile: path.join(dir, 'server.pem'),
    keyFile: path.join(dir, 'server.key'),
    signerKey: fs.readFileSync(path.join(dir, 'signer.key'), 'utf8'),
    signerCertFile: path.join(dir, 'signer.pem'),
    signerDer,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('docker-registry did not start');
}

export interface Registry {
  port: number;
  host: string;
  log: string;
  stop(): void;
}

/** Starts docker-registry with TLS and the given `auth:` section (YAML). */
export async function startRegistry(dir: string, pki: Pki, auth: string): Promise<Registry> {
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const config = path.join(dir, 'registry.yml');
  fs.writeFileSync(
    config,
    `version: 0.1\nlog: {level: info, formatter: json}\nstorage: {filesystem: {rootdirectory: ${dir}/data}}\n` +
      `http: {addr: 127.0.0.1:${port}, tls: {certificate: ${pki.certFile}, key: ${pki.keyFile}}}\nauth:\n${auth}`,
  );
  const log = path.join(dir, 'registry.log');
  const fd = fs.openSync(log, 'w');
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { env: ENV, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  await waitForPort(port, child, log);
  return { port, host: `127.0.0.1:${port}`, log, stop: () => void (child.exitCode === null && child.kill('SIGKILL')) };
}

export function htpasswd(file: string, users: Record<string, string>): void {
  fs.writeFileSync(file, '');
  for (const [u, p] of Object.entries(users)) {
    fs.appendFileSync(file, execFileSync('htpasswd', ['-Bbn', u, p], { env: ENV, encoding: 'utf8' }).trim() + '\n');
  }
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export interface TokenServer {
  port: number;
  realm: string;
  /** What the endpoint was asked: grant type (`basic` for GET with credentials) and the user it saw. */
  requests: Array<{ grant: string; user: string }>;
  /** The next tokens are issued already expired. */
  expired: boolean;
  stop(): Promise<void>;
}

/** A token endpoint: GET with Basic (users), or POST grant_type=refresh_token (refreshTokens). */
export async function startTokenServer(pki: Pki, service: string, users: Record<string, string>, refreshTokens: Record<string, string>): Promise<TokenServer> {
  const state: TokenServer = { port: 0, realm: '', requests: [], expired: false, stop: async () => undefined };
  const sign = (sub: string): string => {
    const now = Math.floor(Date.now() / 1000);
    const exp = state.expired ? now - 600 : now + 300;
    const header = { alg: 'RS256', typ: 'JWT', x5c: [pki.signerDer] };
    const claims = { iss: 'dcg-test-issuer', sub, aud: service, exp, nbf: now - 900, iat: now - 900, jti: crypto.randomUUID(), access: [] };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(crypto.sign('RSA-SHA256', Buffer.from(input), pki.signerKey))}`;
  };
  const server = https.createServer({ key: fs.readFileSync(pki.keyFile), cert: fs.readFileSync(pki.certFile) }, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let user = '';
      let grant = 'basic';
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        grant = form.get('grant_type') ?? '';
        user = refreshTokens[form.get('refresh_token') ?? ''] ?? '';
      } else {
        const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
        const [u, ...p] = m ? Buffer.from(m[1], 'base64').toString().split(':') : [''];
        if (u && users[u] !== undefined && users[u] === p.join(':')) user = u;
      }
      state.requests.push({ grant, user });
      if (!user) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials: server text that must not be shown"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: sign(user), expires_in: 300 }));
    });
  });
  state.port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  state.realm = `https://127.0.0.1:${state.port}/token`;
  state.stop = () => new Promise((r) => server.close(() => r()));
  return state;
}
