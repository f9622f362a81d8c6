// Issue 12 part A: context-not-found, token-expired, registry-helper-as-store, proxy passwords (plaintext-credential).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { b64, expectFindings, Expect } from './util';
import { analyze, applyEdit, contextDirName, fixesFor, hoverAt, messageOf, readContexts, setBundle, ContextStore } from '../../src/core';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3600 * 1000;
const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const SIGNATURE = 'c2lnbmF0dXJlLW5ldmVyLXNob3du';
function jwt(claims: object): string {
  return `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${SIGNATURE}`;
}
const ECR_SECRET = 'ecr-payload-secret-bits';
function ecrAuth(expiresMs: number): string {
  return b64('AWS:' + b64(JSON.stringify({ payload: ECR_SECRET, datakey: 'k', version: '2', type: 'DATA_KEY', expiration: Math.floor(expiresMs / 1000) })));
}
const STORE: ContextStore = { contexts: [{ name: 'remote', host: 'ssh://me@build.example' }, { name: 'colima', host: 'unix:///home/u/.colima/default/docker.sock' }] };

interface Case {
  name: string;
  text: string;
  expect: Expect[];
  options?: object;
}

const OPTS = { contexts: STORE, now: NOW };
const expiredJwt = jwt({ iss: 'https://auth.example', sub: 'robot$ci', exp: (NOW - HOUR) / 1000 });
const soonJwt = jwt({ iss: 'https://auth.example', sub: 'robot$ci', exp: (NOW + 2 * HOUR) / 1000 });
const laterJwt = jwt({ exp: (NOW + 3 * 24 * HOUR) / 1000 });

const table: Record<string, Case[]> = {
  'context-not-found': [
    { name: 'missing context', text: '{"currentContext":"gone"}', options: OPTS, expect: [{ rule: 'context-not-found', severity: 'error', at: '"gone"', says: 'context not found' }] },
    { name: 'default', text: '{"currentContext":"default"}', options: OPTS, expect: [] },
    { name: 'empty value is default', text: '{"currentContext":""}', options: OPTS, expect: [] },
    { name: 'an existing context', text: '{"currentContext":"remote"}', options: OPTS, expect: [] },
    { name: 'case matters for context names', text: '{"currentContext":"Remote"}', options: OPTS, expect: [{ rule: 'context-not-found', at: '"Remote"' }] },
    { name: 'case-variant key read by Go', text: '{"currentcontext":"gone"}', options: OPTS, expect: [{ rule: 'context-not-found', at: '"gone"' }, { rule: 'unknown-key', at: '"currentcontext"' }] },
    { name: 'no contexts known: not checked', text: '{"currentContext":"gone"}', options: { now: NOW }, expect: [] },
    { name: 'podman does not read currentContext', text: '{"currentContext":"gone"}', options: { ...OPTS, profile: 'containers' }, expect: [] },
  ],
  'token-expired': [
    { name: 'expired JWT identitytoken', text: `{"auths":{"r.io":{"identitytoken":"${expiredJwt}"}}}`, options: OPTS, expect: [{ rule: 'token-expired', severity: 'warning', at: `"${expiredJwt}"`, says: '2026-01-15T11:00:00Z' }, { rule: 'plaintext-credential', at: `"${expiredJwt}"` }] },
    { name: 'JWT expiring within a day is info', text: `{"auths":{"r.io":{"registrytoken":"${soonJwt}"}}}`, options: OPTS, expect: [{ rule: 'token-expired', severity: 'info', at: `"${soonJwt}"`, says: 'within a day' }, { rule: 'plaintext-credential', at: `"${soonJwt}"` }] },
    { name: 'JWT valid for days', text: `{"auths":{"r.io":{"identitytoken":"${laterJwt}"}}}`, options: OPTS, expect: [{ rule: 'plaintext-credential', at: `"${laterJwt}"` }] },
    { name: 'expired JWT as password', text: `{"auths":{"r.io":{"username":"u","password":"${expiredJwt}"}}}`, options: OPTS, expect: [{ rule: 'token-expired', at: `"${expiredJwt}"` }, { rule: 'plaintext-credential', at: `"${expiredJwt}"` }] },
    { name: 'no now: not checked', text: `{"auths":{"r.io":{"identitytoken":"${expiredJwt}"}}}`, options: { contexts: STORE }, expect: [{ rule: 'plaintext-credential', at: `"${expiredJwt}"` }] },
    { name: 'a password that is not a JWT', text: `{"auths":{"r.io":{"username":"u","password":"a.b.c"}}}`, options: OPTS, expect: [{ rule: 'plaintext-credential', at: '"a.b.c"' }] },
    { name: 'JWT without exp', text: `{"auths":{"r.io":{"identitytoken":"${jwt({ sub: 'x' })}"}}}`, options: OPTS, expect: [{ rule: 'plaintext-credential', at: `"${jwt({ sub: 'x' })}"` }] },
    { name: 'expired ECR token in auth', text: `{"auths":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":{"auth":"${ecrAuth(NOW - 13 * HOUR)}"}}}`, options: OPTS, expect: [{ rule: 'token-expired', severity: 'warning', at: `"${ecrAuth(NOW - 13 * HOUR)}"`, says: 'ecr-login' }, { rule: 'plaintext-credential', at: `"${ecrAuth(NOW - 13 * HOUR)}"` }] },
    { name: 'fresh ECR token is info', text: `{"auths":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":{"auth":"${ecrAuth(NOW + 11 * HOUR)}"}}}`, options: OPTS, expect: [{ rule: 'token-expired', severity: 'info', at: `"${ecrAuth(NOW + 11 * HOUR)}"` }, { rule: 'plaintext-credential', at: `"${ecrAuth(NOW + 11 * HOUR)}"` }] },
    { name: 'ordinary auth', text: `{"auths":{"r.io":{"auth":"${b64('AWS:notbase64json')}"}}}`, options: OPTS, expect: [{ rule: 'plaintext-credential', at: `"${b64('AWS:notbase64json')}"` }] },
  ],
  'registry-helper-as-store': [
    { name: 'ecr-login as store', text: '{"credsStore":"ecr-login"}', expect: [{ rule: 'registry-helper-as-store', severity: 'warning', at: '"ecr-login"', says: 'Amazon ECR' }] },
    { name: 'gcloud as store', text: '{"credsStore":"gcloud"}', expect: [{ rule: 'registry-helper-as-store', at: '"gcloud"' }] },
    { name: 'acr-env as store', text: '{"credsStore":"acr-env"}', expect: [{ rule: 'registry-helper-as-store', at: '"acr-env"' }] },
    { name: 'a general store', text: '{"credsStore":"pass"}', expect: [] },
    { name: 'ecr-login in credHelpers', text: '{"credHelpers":{"123456789012.dkr.ecr.us-east-1.amazonaws.com":"ecr-login"}}', expect: [] },
    { name: 'podman ignores credsStore', text: '{"credsStore":"ecr-login"}', options: { profile: 'containers' }, expect: [{ rule: 'ignored-field', at: '"credsStore"' }] },
  ],
  'plaintext-credential (proxies)': [
    { name: 'password in httpProxy', text: '{"proxies":{"default":{"httpProxy":"http://user:pw@proxy:3128"}}}', expect: [{ rule: 'plaintext-credential', severity: 'warning', at: '"http://user:pw@proxy:3128"', path: ['proxies', 'default', 'httpProxy'], says: 'between ":" and "@"' }] },
    { name: 'password in a per-host proxy', text: '{"proxies":{"tcp://d:2376":{"httpsProxy":"user:pw@proxy:3128"}}}', expect: [{ rule: 'plaintext-credential', at: '"user:pw@proxy:3128"' }] },
    { name: 'user without password', text: '{"proxies":{"default":{"httpProxy":"http://user@proxy:3128"}}}', expect: [] },
    { name: 'no user info', text: '{"proxies":{"default":{"httpProxy":"http://proxy:3128","noProxy":"a,b"}}}', expect: [] },
    { name: '@ in the path only', text: '{"proxies":{"default":{"httpProxy":"http://proxy:3128/a:b@c"}}}', expect: [] },
  ],
};

for (const [rule, cases] of Object.entries(table)) {
  describe(rule, () => {
    for (const c of cases) test(c.name, () => void expectFindings(c.text, c.expect, c.options));
  });
}

describe('quick fixes', () => {
  test('context-not-found: set to default (preferred) or an existing context, single edits', () => {
    const text = '{\n  "auths": {},\n  "currentContext": "gone"\n}';
    const analysis = analyze(text, OPTS);
    const f = analysis.findings.find((x) => x.rule === 'context-not-found')!;
    const fixes = fixesFor(text, f, analysis);
    assert.deepEqual(fixes.map((x) => x.title), ['Set currentContext to "default"', 'Set currentContext to "remote"', 'Set currentContext to "colima"']);
    assert.equal(fixes[0].isPreferred, true);
    assert.equal(applyEdit(text, fixes[1].edit), '{\n  "auths": {},\n  "currentContext": "remote"\n}');
    assert.equal(analyze(applyEdit(text, fixes[0].edit), OPTS).findings.length, 0);
  });

  test('registry-helper-as-store: move into credHelpers for the served hosts and unset credsStore', () => {
    const text = '{\n\t"auths": {\n\t\t"123456789012.dkr.ecr.eu-west-1.amazonaws.com": {},\n\t\t"ghcr.io": {"auth": "' + b64('u:p') + '"}\n\t},\n\t"credsStore": "ecr-login"\n}';
    const analysis = analyze(text);
    const f = analysis.findings.find((x) => x.rule === 'registry-helper-as-store')!;
    const fixes = fixesFor(text, f, analysis);
    assert.equal(fixes.length, 1);
    const after = applyEdit(text, fixes[0].edit);
    const parsed = JSON.parse(after);
    assert.equal(parsed.credsStore, undefined);
    assert.deepEqual(parsed.credHelpers, { '123456789012.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' });
    assert.deepEqual(Object.keys(parsed.auths), ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ghcr.io']);
    assert.ok(!analyze(after).findings.some((x) => x.rule === 'registry-helper-as-store'));
  });

  test('registry-helper-as-store: no fix when the file names no host the helper serves', () => {
    const text = '{"credsStore":"gcloud","auths":{"ghcr.io":{}}}';
    const analysis = analyze(text);
    const f = analysis.findings.find((x) => x.rule === 'registry-helper-as-store')!;
    assert.deepEqual(fixesFor(text, f, analysis), []);
  });
});

describe('hovers', () => {
  test('currentContext shows the endpoint and the DOCKER_HOST override', () => {
    const text = '{"currentContext":"remote"}';
    const model = analyze(text).model;
    const h = hoverAt(model, text.indexOf('remote'), { contexts: STORE })!;
    assert.match(h.markdown, /ssh:\/\/me@build\.example/);
    const o = hoverAt(model, text.indexOf('remote'), { contexts: STORE, env: { DOCKER_HOST: 'tcp://x:2375' } })!;
    assert.match(o.markdown, /DOCKER_HOST is set/);
    const c = hoverAt(model, text.indexOf('remote'), { contexts: STORE, env: { DOCKER_CONTEXT: 'colima' } })!;
    assert.match(c.markdown, /DOCKER_CONTEXT is set/);
  });

  test('token hover: issuer, subject, expiry in the given time zone; never the token or signature', () => {
    const text = `{"auths":{"r.io":{"identitytoken":"${expiredJwt}"}}}`;
    const h = hoverAt(analyze(text).model, text.indexOf(expiredJwt) + 3, { now: NOW, timeZone: 'Asia/Shanghai' })!;
    assert.match(h.markdown, /https:\/\/auth\.example/);
    assert.match(h.markdown, /robot\$ci/);
    assert.match(h.markdown, /19:00:00|7:00:00/); // 11:00 UTC in UTC+8
    assert.match(h.markdown, /expired/);
    assert.ok(!h.markdown.includes(SIGNATURE) && !h.markdown.includes(expiredJwt.split('.')[1]));
  });

  test('proxy hover says where the password sits and shows none of it', () => {
    const url = 'http://user:S3cr3tPr0xy@proxy:3128';
    const text = `{"proxies":{"default":{"httpProxy":"${url}"}}}`;
    const h = hoverAt(analyze(text).model, text.indexOf(url) + 2)!;
    assert.match(h.markdown, /Characters 13 to 23/);
    assert.equal(url.slice(12, 23), 'S3cr3tPr0xy');
    assert.ok(!h.markdown.includes('S3cr3tPr0xy'));
  });
});

test('no token, password or signature in any message, in English or Chinese', () => {
  const proxyPw = 'Pr0xyPassw0rd';
  const text = JSON.stringify({
    auths: { 'r.io': { identitytoken: expiredJwt }, 's.io': { username: 'u', password: soonJwt }, '123456789012.dkr.ecr.eu-west-1.amazonaws.com': { auth: ecrAuth(NOW - HOUR) } },
    proxies: { default: { httpProxy: `http://u:${proxyPw}@p:1` } },
    credsStore: 'ecr-login',
    currentContext: 'gone',
  });
  const secrets = [SIGNATURE, expiredJwt, soonJwt, expiredJwt.split('.')[1], soonJwt.split('.')[1], ECR_SECRET, b64(ECR_SECRET), ecrAuth(NOW - HOUR), proxyPw];
  const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8'));
  for (const bundle of [undefined, zh]) {
    setBundle(bundle);
    const analysis = analyze(text, OPTS);
    assert.ok(analysis.findings.filter((f) => ['token-expired', 'context-not-found', 'registry-helper-as-store', 'plaintext-credential'].includes(f.rule)).length === 6);
    for (const f of analysis.findings) {
      const shown = messageOf(f) + JSON.stringify(f.data) + fixesFor(text, f, analysis).map((x) => x.title).join();
      for (const s of secrets) assert.ok(!shown.includes(s), `${f.rule} shows a secret`);
    }
  }
  setBundle(undefined);
});

test('readContexts: names from meta.json whose directory is sha256(name); others left out', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-ctx-'));
  try {
    const put = (sub: string, meta: object) => {
      fs.mkdirSync(path.join(dir, 'contexts', 'meta', sub), { recursive: true });
      fs.writeFileSync(path.join(dir, 'contexts', 'meta', sub, 'meta.json'), JSON.stringify(meta));
    };
    put(contextDirName('foo'), { Name: 'foo', Metadata: {}, Endpoints: { docker: { Host: 'tcp://1.2.3.4:2375', SkipTLSVerify: false } } });
    put('not-the-hash', { Name: 'bar', Endpoints: {} });
    assert.equal(contextDirName('foo'), '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
    assert.deepEqual(readContexts(dir), { contexts: [{ name: 'foo', host: 'tcp://1.2.3.4:2375' }] });
    assert.deepEqual(readContexts(path.join(dir, 'none')), { contexts: [] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check on the command line: contexts next to the file, tokens judged by the clock, no secret in text, json or sarif, in either language', async () => {
  const { main } = await import('../../src/cli');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-cli-beyond-'));
  try {
    const pastJwt = jwt({ iss: 'https://auth.example', sub: 'ci', exp: 1_000_000_000 }); // 2001
    const pw = 'Pr0xyPassw0rdCli';
    fs.mkdirSync(path.join(dir, 'contexts', 'meta', contextDirName('remote')), { recursive: true });
    fs.writeFileSync(path.join(dir, 'contexts', 'meta', contextDirName('remote'), 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: 'ssh://h' } } }));
    const config = path.join(dir, 'config.json');
    const write = (current: string) =>
      fs.writeFileSync(config, JSON.stringify({ auths: { 'r.io': { identitytoken: pastJwt } }, proxies: { default: { httpProxy: `http://u:${pw}@p:1` } }, currentContext: current }, null, 2), { mode: 0o600 });
    const secrets = [pastJwt, pastJwt.split('.')[1], SIGNATURE, pw];
    for (const [current, contextFinding] of [['remote', false], ['gone', true]] as const) {
      write(current);
      for (const extra of [[], ['--format', 'json'], ['--format', 'sarif'], ['--lang', 'zh-cn']]) {
        let out = '';
        await main(['check', config, ...extra], { out: (s) => (out += s + '\n'), err: (s) => (out += s + '\n'), env: { HOME: dir, PATH: '' } });
        const sarif = extra.includes('sarif');
        const has = (id: string) => (sarif ? new RegExp(`"ruleId":\\s*"${id}"`).test(out) : out.includes(id));
        assert.ok(has('token-expired'), out);
        assert.equal(has('context-not-found'), contextFinding, out);
        for (const s of secrets) assert.ok(!out.includes(s), `a secret in the output of check ${extra.join(' ')}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    setBundle(undefined);
  }
});
