// The distribution registry (Debian `docker-registry`, distribution 2.8) on 127.0.0.1 with TLS from a
// throwaway CA and one htpasswd (bcrypt) user per credential: its JSON log's `auth.user.name` says which
// credentials a client really sent. Started per suite, stopped by its pid; nothing is left running.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const passwordOf = (user: string): string => `pw-${user}`;
export const authOf = (user: string): string => Buffer.from(`${user}:${passwordOf(user)}`).toString('base64');

export interface Registry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** The registry's process id (stopped by it, and only it). */
  pid: number;
  /** A --cert-dir with the CA as ca.crt. */
  certDir: string;
  /** The log written since `mark`. */
  logSince(mark: number): string;
  /** The log's current length (a mark for logSince). */
  mark(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: SYSTEM_PATH, HOME: cwd } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a registry in `dir` with these users (password `pw-<user>`). */
export async function startRegistry(dir: string, users: string[]): Promise<Registry> {
  fs.mkdirSync(dir, { recursive: true });
  const htpasswd = path.join(dir, 'htpasswd');
  fs.writeFileSync(htpasswd, '');
  for (const u of users) {
    const line = execFileSync('htpasswd', ['-Bbn', u, passwordOf(u)], { encoding: 'utf8', env: { PATH: SYSTEM_PATH } });
    fs.appendFileSync(htpasswd, line.trim() + '\n');
  }
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], dir);
  const certDir = path.join(dir, 'certs');
  fs.mkdirSync(certDir);
  fs.copyFileSync(path.join(dir, 'cert.pem'), path.join(certDir, 'ca.crt'));
  const logFile = path.join(dir, 'registry.log');
  let child: ChildProcess | undefined;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    const port = await freePort();
    const yml = path.join(dir, 'registry.yml');
    fs.writeFileSync(yml, [
      'version: 0.1',
      'log: {level: info, formatter: json}',
      `storage: {filesystem: {rootdirectory: ${JSON.stringify(path.join(dir, 'data'))}}}`,
      `http: {addr: "127.0.0.1:${port}", tls: {certificate: ${JSON.stringify(path.join(dir, 'cert.pem'))}, key: ${JSON.stringify(path.join(dir, 'key.pem'))}}}`,
      `auth: {htpasswd: {realm: test, path: ${JSON.stringify(htpasswd)}}}`,
      '',
    ].join('\n'));
    const out = fs.openSync(logFile, 'w');
    const c = spawn('docker-registry', ['serve', yml], { stdio: ['ignore', out, out], env: { PATH: SYSTEM_PATH, HOME: dir } });
    fs.closeSync(out);
    let exited = false;
    c.once('exit', () => { exited = true; });
    const stopAtExit = () => { if (!exited) c.kill('SIGKILL'); };
    process.once('exit', stopAtExit);
    for (let i = 0; i < 100 && !exited; i++) {
      if (fs.readFileSync(logFile, 'utf8').includes(`listening on 127.0.0.1:${port}`)) break;
      await sleep(50);
    }
    if (!exited && fs.readFileSync(logFile, 'utf8').includes(`listening on 127.0.0.1:${port}`)) {
      child = c;
      const host = `127.0.0.1:${port}`;
      return {
        host,
        pid: c.pid as number,
        certDir,
        mark: () => fs.statSync(logFile).size,
        logSince: (mark) => fs.readFileSync(logFile).subarray(mark).toString('utf8'),
        stop: async () => {
          process.removeListener('exit', stopAtExit);
          if (exited) return;
          const gone = new Promise<void>((r) => c.once('exit', () => r()));
          c.kill('SIGTERM');
          await Promise.race([gone, sleep(3000)]);
          if (!exited) { c.kill('SIGKILL'); await gone; }
        },
      };
    }
    stopAtExit();
    process.removeListener('exit', stopAtExit);
  }
  throw new Error(`the registry did not start:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** The distinct users the registry says requests authenticated as, in order of first appearance. */
export function usersIn(log: string): string[] {
  const seen: string[] = [];
  for (const m of log.matchAll(/"auth\.user\.name":"([^"]*)"/g)) if (!seen.includes(m[1])) seen.push(m[1]);
  return seen;
}
