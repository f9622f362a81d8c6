// verify's rules that need no registry: the challenge parser, the proxy choice, HTTP only to loopback,
// and no credentials to a token realm over plain HTTP.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { test } from 'node:test';
import { isLoopback, parseChallenges, proxyFor } from '../../src/core/verify';
import { request, TransportError } from '../../src/core/verify/transport';
import { verifyOne } from '../../src/core/verify/verify';

test('WWW-Authenticate: Bearer with quoted params, several challenges, escapes', () => {
  assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull"'), [
    { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:a/b:pull' } },
  ]);
  assert.deepEqual(parseChallenges('Basic realm="x\\"y", Bearer realm=r'), [
    { scheme: 'basic', params: { realm: 'x"y' } },
    { scheme: 'bearer', params: { realm: 'r' } },
  ]);
  const long = 'Bearer ' + 'a="'.repeat(50_000);
  const t0 = Date.now();
  parseChallenges(long);
  assert.ok(Date.now() - t0 < 1000, 'linear');
});

test('proxies: HTTPS_PROXY, NO_PROXY (suffix, port, *), never for loopback', () => {
  const env = { HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'internal.example,.corp.example,reg.example:5000' };
  assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), env)?.host, 'proxy.example:3128');
  assert.equal(proxyFor(new URL('https://a.internal.example/v2/'), env), undefined);
  assert.equal(proxyFor(new URL('https://x.corp.example/v2/'), env), undefined);
  assert.equal(proxyFor(new URL('https://reg.example:5000/v2/'), env), undefined);
  assert.equal(proxyFor(new URL('https://reg.example/v2/'), env)?.host, 'proxy.example:3128');
  assert.equal(proxyFor(new URL('https://127.0.0.1:5000/v2/'), env), undefined);
  assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), { ...env, NO_PROXY: '*' }), undefined);
  assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), { https_proxy: 'proxy:8080' })?.host, 'proxy:8080');
  assert.ok(isLoopback('127.0.0.2') && isLoopback('[::1]') && isLoopback('localhost') && !isLoopback('10.0.0.1'));
});

const options = { ca: [], insecure: false, timeoutMs: 2000, deadline: Date.now() + 60_000, env: {} };

test('plain HTTP to a host that is not loopback is refused before anything is sent', async () => {
  await assert.rejects(request(new URL('http://registry.example.invalid/v2/'), 'GET', {}, undefined, options), (e: unknown) => e instanceof TransportError && e.kind === 'refused-http');
});

test('a plain-HTTP registry on loopback works; a realm over plain HTTP on another host gets no credentials', async () => {
  let sawAuthorization = false;
  const server = http.createServer((req, res) => {
    if (req.headers.authorization) sawAuthorization = true;
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://token.example.invalid/token",service="s"' }).end('server text');
  });
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
  try {
    const res = await verifyOne(`127.0.0.1:${port}`, { username: 'u', password: 'Secret-pw-9', identityToken: '' }, { ...options, deadline: Date.now() + 60_000 });
    assert.equal(res.auth, 'bearer');
    assert.equal(res.status, 'token-error');
    assert.match(res.detail, /token\.example\.invalid/);
    assert.match(res.detail, /plain HTTP/);
    assert.ok(!res.detail.includes('Secret') && !res.detail.includes('server text'));
    assert.equal(sawAuthorization, false);
  } finally {
    server.close();
  }
});

test('the run\'s time limit: past the deadline nothing is sent', async () => {
  await assert.rejects(request(new URL('https://127.0.0.1:1/v2/'), 'GET', {}, undefined, { ...options, deadline: Date.now() - 1 }), (e: unknown) => e instanceof TransportError && e.kind === 'timeout');
});
