// A stand-in Docker daemon on a unix socket: just enough of the Engine API for
// `docker pull IMAGE` and `docker create --pull always IMAGE` to complete, so we
// can record exactly which credentials the real docker CLI sends (X-Registry-Auth).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

export interface DockerSendsOptions {
  /** Extra environment for docker (added to a minimal, clean environment). */
  env?: Record<string, string>;
  /** Directories that make up docker's PATH (nothing else is on it, so no helper is found by accident). */
  pathDirs?: string[];
  /** `pull` (default) or `create` (`docker create --pull always IMAGE`). */
  command?: 'pull' | 'create';
  /** Working directory for docker (default: a fresh temp dir). */
  cwd?: string;
  timeoutMs?: number;
  /** Files to write in docker's HOME (relative path -> text), e.g. a legacy `.dockercfg`. */
  homeFiles?: Record<string, string>;
  /** Run docker without `--config` and without a config.json (configJson is then not written). */
  noConfig?: boolean;
}

export interface DockerSent {
  /** Decoded X-Registry-Auth of the image pull, or null when docker sent no header / did not pull. */
  auth: Record<string, unknown> | null;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** `METHOD /path` of every request docker made to the daemon. */
  requests: string[];
}

const API_VERSION = '1.50';

/** Absolute path of the real docker CLI; throws (loudly) when it is not installed. */
export function dockerBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'docker');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* keep looking */ }
  }
  throw new Error('conformance tests need the real docker CLI on PATH, and `docker` was not found');
}

function decodeAuth(header: string): Record<string, unknown> {
  const text = Buffer.from(header, 'base64url').toString('utf8');
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* fall through */ }
  return { __undecodable: text };
}

const PULL_STREAM =
  '{"status":"Pulling from stand-in"}\n' +
  '{"status":"Digest: sha256:0000000000000000000000000000000000000000000000000000000000000000"}\n' +
  '{"status":"Status: Downloaded newer image"}\n';

function startDaemon(socketPath: string, onPull: (auth: Record<string, unknown> | null) => void, requests: string[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      requests.push(`${req.method} ${url.split('?')[0]}`);
      const headers = {
        'API-Version': API_VERSION,
        'Docker-Experimental': 'false',
        'OSType': 'linux',
        'Server': 'Docker/28.2.2 (linux)',
        'Content-Type': 'application/json',
      };
      const p = url.replace(/^\/v[0-9.]+/, '').split('?')[0];
      if (p === '/_ping') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : 'OK');
      } else if (p === '/version') {
        res.writeHead(200, headers);
        res.end(JSON.stringify({ Version: '28.2.2', ApiVersion: API_VERSION, MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' }));
      } else if (p === '/images/create' && req.method === 'POST') {
        const h = req.headers['x-registry-auth'];
        onPull(typeof h === 'string' ? decodeAuth(h) : null);
        res.writeHead(200, headers);
        res.end(PULL_STREAM);
      } else if (p === '/containers/create' && req.method === 'POST') {
        res.writeHead(201, headers);
        res.end(JSON.stringify({ Id: 'c0ffee'.padEnd(64, '0'), Warnings: [] }));
      } else {
        res.writeHead(404, headers);
        res.end(JSON.stringify({ message: `stand-in daemon: ${req.method} ${p} not implemented` }));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}

/**
 * Run the real docker CLI with `configJson` as its config.json against a stand-in
 * daemon and return the credentials it sent for pulling `image`.
 */
export async function dockerSends(configJson: string, image: string, opts: DockerSendsOptions = {}): Promise<DockerSent> {
  const docker = dockerBinary();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-daemon-'));
  try {
    const configDir = path.join(tmp, 'config');
    const home = path.join(tmp, 'home');
    const emptyBin = path.join(tmp, 'bin');
    for (const d of [configDir, home, emptyBin]) fs.mkdirSync(d, { mode: 0o700 });
    if (!opts.noConfig) fs.writeFileSync(path.join(configDir, 'config.json'), configJson, { mode: 0o600 });
    for (const [name, text] of Object.entries(opts.homeFiles ?? {})) fs.writeFileSync(path.join(home, name), text, { mode: 0o600 });
    const socketPath = path.join(tmp, 'docker.sock');

    const requests: string[] = [];
    let auth: Record<string, unknown> | null = null;
    const server = await startDaemon(socketPath, (a) => { auth = a; }, requests);
    try {
      const env: Record<string, string> = {
        HOME: home,
        PATH: [...(opts.pathDirs ?? []), emptyBin].join(path.delimiter),
        DOCKER_HOST: `unix://${socketPath}`,
        DOCKER_CLI_HINTS: 'false',
        ...opts.env,
      };
      const args = [...(opts.noConfig ? [] : ['--config', configDir]), ...(opts.command === 'create' ? ['create', '--pull', 'always', image] : ['pull', image])];
      const { stdout, stderr, exitCode } = await new Promise<{ stdout: string; stderr: string; exitCode: number | null }>((resolve) => {
        execFile(docker, args, { env, cwd: opts.cwd ?? tmp, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : null) : 0;
          resolve({ stdout, stderr, exitCode: code });
        });
      });
      return { auth, stdout, stderr, exitCode, requests };
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
