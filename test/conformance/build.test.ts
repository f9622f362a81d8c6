// What the real docker CLI sends with a build when a credential helper fails (helper-failed's claim,
// docker/cli#1989, #2121): `docker build` collects the credentials of every configured registry and
// sends them in X-Registry-Config. The classic builder (DOCKER_BUILDKIT=0; no buildx here) against a
// stand-in daemon that answers /_ping and /build and records the header.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { dockerBinary } from './daemon';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-build-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const bin = path.join(tmp, 'bin');
fs.mkdirSync(bin);
const helper = (name: string, body: string) => fs.writeFileSync(path.join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
helper('good', `case "$1" in list) echo '{"good.example":"alice"}' ;; get) read k; printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret"}' "$k" ;; esac`);
helper('bad', `echo 'exit status 2: gpg: decryption failed: No secret key' >&2; exit 1`);
const context = path.join(tmp, 'ctx');
fs.mkdirSync(context);
fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\n');

interface Built {
  /** Decoded X-Registry-Config of the build request, or undefined when docker sent none. */
  config: Record<string, { username?: string; password?: string }> | undefined;
  stderr: string;
  exitCode: number | null;
}

async function build(config: object): Promise<Built> {
  const dir = fs.mkdtempSync(path.join(tmp, 'run-'));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  const socket = path.join(dir, 'd.sock');
  let sent: string | undefined;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const p = (req.url ?? '').replace(/^\/v[0-9.]+/, '').split('?')[0];
      const headers = { 'API-Version': '1.50', 'Content-Type': 'application/json', OSType: 'linux' };
      if (p === '/_ping') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/plain' });
        res.end(req.method === 'HEAD' ? undefined : 'OK');
      } else if (p === '/build' && req.method === 'POST') {
        const h = req.headers['x-registry-config'];
        if (typeof h === 'string') sent = Buffer.from(h, 'base64url').toString('utf8');
        res.writeHead(200, headers);
        res.end(`${JSON.stringify({ stream: 'Step 1/1 : FROM scratch\n' })}\n${JSON.stringify({ aux: { ID: `sha256:${'a'.repeat(64)}` } })}\n`);
      } else {
        res.writeHead(404, headers);
        res.end('{"message":"not implemented"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    const env = { HOME: dir, PATH: bin, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' };
    const r = await new Promise<{ stderr: string; exitCode: number | null }>((resolve) => {
      execFile(dockerBinary(), ['--config', dir, 'build', '-q', context], { env, timeout: 30_000 }, (err, _out, stderr) =>
        resolve({ stderr, exitCode: err ? (typeof err.code === 'number' ? err.code : null) : 0 }));
    });
    return { config: sent === undefined ? undefined : JSON.parse(sent), ...r };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('docker build and a failing credential helper', () => {
  test('all helpers work: every registry\'s credentials are sent', async () => {
    const b = await build({ credHelpers: { 'good.example': 'good' }, auths: { 'plain.example': { auth: Buffer.from('u:p').toString('base64') } } });
    assert.equal(b.exitCode, 0, b.stderr);
    assert.deepEqual(Object.keys(b.config ?? {}).sort(), ['good.example', 'plain.example']);
  });

  test('a failing credHelpers helper: a warning for its registry, the others still sent, the build goes on', async () => {
    const b = await build({ credHelpers: { 'good.example': 'good', 'bad.example': 'bad' } });
    assert.equal(b.exitCode, 0, b.stderr);
    assert.deepEqual(Object.keys(b.config ?? {}), ['good.example']);
    assert.match(b.stderr, /Failed to get credentials for registry: bad\.example/);
    assert.match(b.stderr, /No secret key/); // docker passes the helper's own stderr through
  });

  test('a failing credsStore: no credentials at all, not even credHelpers or auths; the build goes on', async () => {
    const b = await build({ credsStore: 'bad', credHelpers: { 'good.example': 'good' }, auths: { 'plain.example': { auth: Buffer.from('u:p').toString('base64') } } });
    assert.equal(b.exitCode, 0, b.stderr);
    assert.deepEqual(b.config, {});
  });
});
