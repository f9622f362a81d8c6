import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { b64, expectFindings, findings, Expect } from './util';
import { messageOf } from '../../src/core';

const USERPASS = b64('user:pass');

interface Case {
  name: string;
  text: string;
  expect: Expect[];
  options?: { bom?: boolean };
}

const table: Record<string, Case[]> = {
  clean: [
    { name: 'credsStore with no auths', text: '{"credsStore":"desktop"}', expect: [] },
    { name: 'empty file (docker accepts it)', text: '', expect: [] },
    { name: 'white space only', text: ' \n\t', expect: [] },
    { name: 'empty object', text: '{}', expect: [] },
    { name: 'null top level and null fields', text: '{"auths":null,"credsStore":null,"credHelpers":{"a.io":null}}', expect: [] },
    {
      name: 'all known fields with right types',
      text: JSON.stringify({
        auths: {},
        HttpHeaders: { 'X-Meta': 'x' },
        psFormat: 'table {{.ID}}',
        detachKeys: 'ctrl-p,ctrl-q',
        credsStore: 'pass',
        credHelpers: { 'gcr.io': 'gcloud' },
        pruneFilters: ['label!=keep'],
        proxies: { default: { httpProxy: 'http://p:3128', noProxy: 'localhost' } },
        currentContext: 'default',
        cliPluginsExtraDirs: ['/opt/plugins'],
        plugins: { buildx: { foo: 'bar' } },
        aliases: { builder: 'buildx' },
        features: { hooks: 'true' },
      }),
      expect: [],
    },
  ],
  'json-syntax': [
    { name: 'line comment', text: '{\n  // hi\n  "auths": {}\n}', expect: [{ rule: 'json-syntax', severity: 'error', at: '// hi', says: 'ignores the whole file' }] },
    { name: 'block comment', text: '{ /* x */ "auths": {} }', expect: [{ rule: 'json-syntax', at: '/* x */' }] },
    { name: 'trailing comma in object', text: '{"auths": {"a.io": {"auth": "' + USERPASS + '"},}}', expect: [{ rule: 'json-syntax', at: ',', says: 'Trailing comma' }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }] },
    { name: 'trailing comma in array', text: '{"pruneFilters": ["a",]}', expect: [{ rule: 'json-syntax', at: ',', says: 'Trailing comma' }] },
    { name: 'UTF-8 BOM in the text', text: '\uFEFF{"auths":{}}', expect: [{ rule: 'json-syntax', at: '\uFEFF', says: 'byte order mark' }] },
    { name: 'UTF-8 BOM the host removed', text: '{"auths":{}}', options: { bom: true }, expect: [{ rule: 'json-syntax', at: '', says: 'byte order mark' }] },
    { name: 'truncated', text: '{"auths": {"a.io": {}', expect: [{ rule: 'json-syntax', says: 'cut short', at: '' }, { rule: 'empty-auth', at: '"a.io"' }] },
    { name: 'stray text after the object', text: '{"auths":{}} trailing', expect: [{ rule: 'json-syntax', at: 'trailing', says: 'Docker reads the first value' }] },
    { name: 'single quotes', text: "{'auths': {}}", expect: [{ rule: 'json-syntax', at: "'auths'" }] },
  ],
  'wrong-type': [
    { name: 'top level array', text: '[]', expect: [{ rule: 'wrong-type', severity: 'error', at: '[]', path: [], says: 'must hold a JSON object' }] },
    { name: 'auths a string', text: '{"auths":"x"}', expect: [{ rule: 'wrong-type', at: '"x"', path: ['auths'] }] },
    { name: 'entry a number', text: '{"auths":{"a.io":1}}', expect: [{ rule: 'wrong-type', at: '1', path: ['auths', 'a.io'] }] },
    { name: 'credsStore a number', text: '{"credsStore":5}', expect: [{ rule: 'wrong-type', at: '5' }] },
    { name: 'credHelpers an array', text: '{"credHelpers":["x"]}', expect: [{ rule: 'wrong-type', at: '["x"]' }] },
    { name: 'credHelpers value a bool', text: '{"credHelpers":{"a.io":true}}', expect: [{ rule: 'wrong-type', at: 'true', path: ['credHelpers', 'a.io'] }] },
    { name: 'auth a number', text: '{"auths":{"a.io":{"auth":12}}}', expect: [{ rule: 'wrong-type', at: '12' }, { rule: 'empty-auth', at: '"a.io"' }] },
    { name: 'psFormat a number breaks auth decoding', text: '{"psFormat":5}', expect: [{ rule: 'wrong-type', at: '5', says: 'decodes no "auth"' }] },
    { name: 'features with a boolean (daemon.json style)', text: '{"features":{"buildkit":true}}', expect: [{ rule: 'wrong-type', at: 'true' }] },
    { name: 'proxy field a number', text: '{"proxies":{"default":{"httpProxy":1}}}', expect: [{ rule: 'wrong-type', at: '1' }] },
    { name: 'pruneFilters item a number', text: '{"pruneFilters":[1]}', expect: [{ rule: 'wrong-type', at: '1' }] },
    { name: 'case-variant key is typed too', text: '{"CredsStore":1}', expect: [{ rule: 'wrong-type', at: '1' }, { rule: 'unknown-key', at: '"CredsStore"' }] },
  ],
  'empty-auth': [
    { name: 'no helper: error', text: '{"auths":{"ghcr.io":{}}}', expect: [{ rule: 'empty-auth', severity: 'error', at: '"ghcr.io"', path: ['auths', 'ghcr.io'], says: 'no basic auth credentials' }] },
    { name: 'credsStore: warning naming podman', text: '{"auths":{"ghcr.io":{}},"credsStore":"pass"}', expect: [{ rule: 'empty-auth', severity: 'warning', at: '"ghcr.io"', says: 'podman, skopeo and buildah' }] },
    { name: 'credHelpers: warning naming Kubernetes', text: '{"auths":{"ghcr.io":{}},"credHelpers":{"ghcr.io":"pass"}}', expect: [{ rule: 'empty-auth', severity: 'warning', at: '"ghcr.io"', says: 'Kubernetes' }] },
    { name: 'credHelpers "" turns the store off', text: '{"auths":{"ghcr.io":{}},"credsStore":"pass","credHelpers":{"ghcr.io":""}}', expect: [{ rule: 'empty-auth', severity: 'error', at: '"ghcr.io"' }] },
    { name: 'URL-form key matched by host for helpers', text: '{"auths":{"https://r.io:5000/v2/":{}},"credHelpers":{"r.io:5000":"pass"}}', expect: [{ rule: 'empty-auth', severity: 'warning', at: '"https://r.io:5000/v2/"' }] },
    { name: 'null entry is an empty entry', text: '{"auths":{"a.io":null}}', expect: [{ rule: 'empty-auth', at: '"a.io"' }] },
    { name: 'username without secret', text: '{"auths":{"a.io":{"username":"u","email":"e@x"}}}', expect: [{ rule: 'empty-auth', at: '"a.io"' }] },
    { name: 'empty auth string', text: '{"auths":{"a.io":{"auth":""}}}', expect: [{ rule: 'empty-auth', at: '"a.io"' }] },
  ],
  'plaintext-credential': [
    { name: 'auth', text: `{"auths":{"ghcr.io":{"auth":"${USERPASS}"}}}`, expect: [{ rule: 'plaintext-credential', severity: 'warning', at: `"${USERPASS}"`, path: ['auths', 'ghcr.io', 'auth'], says: 'not encryption' }] },
    { name: 'password and identitytoken', text: '{"auths":{"a.io":{"username":"u","password":"p"},"b.io":{"identitytoken":"tok"},"c.io":{"registrytoken":"rt"}}}', expect: [{ rule: 'plaintext-credential', at: '"p"' }, { rule: 'plaintext-credential', at: '"tok"' }, { rule: 'plaintext-credential', at: '"rt"' }] },
  ],
  'shadowed-credential': [
    { name: 'credsStore', text: `{"auths":{"ghcr.io":{"auth":"${USERPASS}"}},"credsStore":"pass"}`, expect: [{ rule: 'shadowed-credential', severity: 'warning', at: `"${USERPASS}"`, says: 'only if the helper fails' }] },
    { name: 'credHelpers', text: `{"auths":{"ghcr.io":{"auth":"${USERPASS}"}},"credHelpers":{"ghcr.io":"pass"}}`, expect: [{ rule: 'shadowed-credential', at: `"${USERPASS}"`, says: 'only leaks' }] },
  ],
  'invalid-auth': [
    { name: 'missing padding', text: `{"auths":{"a.io":{"auth":"${b64('user:pas').replace(/=+$/, '')}"}}}`, expect: [{ rule: 'invalid-auth', severity: 'error', at: `"${b64('user:pas').replace(/=+$/, '')}"`, says: 'illegal base64' }, { rule: 'plaintext-credential', at: `"${b64('user:pas').replace(/=+$/, '')}"` }] },
    { name: 'URL-safe alphabet', text: '{"auths":{"a.io":{"auth":"dXNlcjpw-_=="}}}', expect: [{ rule: 'invalid-auth', at: '"dXNlcjpw-_=="', says: 'URL-safe' }, { rule: 'plaintext-credential', at: '"dXNlcjpw-_=="' }] },
    { name: 'leading space', text: `{"auths":{"a.io":{"auth":" ${USERPASS}"}}}`, expect: [{ rule: 'invalid-auth', at: `" ${USERPASS}"` }, { rule: 'plaintext-credential', at: `" ${USERPASS}"` }] },
    { name: 'no colon', text: `{"auths":{"a.io":{"auth":"${b64('user')}"}}}`, expect: [{ rule: 'invalid-auth', at: `"${b64('user')}"`, says: 'Invalid auth configuration file' }, { rule: 'plaintext-credential', at: `"${b64('user')}"` }] },
    { name: 'empty username', text: `{"auths":{"a.io":{"auth":"${b64(':pass')}"}}}`, expect: [{ rule: 'invalid-auth', at: `"${b64(':pass')}"`, says: 'username is empty' }, { rule: 'plaintext-credential', at: `"${b64(':pass')}"` }] },
    { name: 'newlines inside are fine', text: `{"auths":{"a.io":{"auth":"${USERPASS.slice(0, 4)}\\n${USERPASS.slice(4)}"}}}`, expect: [{ rule: 'plaintext-credential', at: `"${USERPASS.slice(0, 4)}\\n${USERPASS.slice(4)}"` }] },
    { name: 'colon in password and empty password are fine', text: `{"auths":{"a.io":{"auth":"${b64('u:p:q')}"},"b.io":{"auth":"${b64('u:')}"}}}`, expect: [{ rule: 'plaintext-credential', at: `"${b64('u:p:q')}"` }, { rule: 'plaintext-credential', at: `"${b64('u:')}"` }] },
  ],
  'auth-mismatch': [
    { name: 'username differs', text: `{"auths":{"a.io":{"auth":"${USERPASS}","username":"other"}}}`, expect: [{ rule: 'auth-mismatch', severity: 'warning', at: `"${USERPASS}"`, says: 'Docker uses "auth"' }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }] },
    { name: 'same values agree', text: `{"auths":{"a.io":{"auth":"${USERPASS}","username":"user","password":"pass"}}}`, expect: [{ rule: 'plaintext-credential', at: `"${USERPASS}"` }, { rule: 'plaintext-credential', at: '"pass"' }] },
  ],
  'helper-name': [
    { name: 'docker-credential- prefix', text: '{"credsStore":"docker-credential-pass"}', expect: [{ rule: 'helper-name', severity: 'error', at: '"docker-credential-pass"', says: 'docker-credential-docker-credential-pass' }] },
    { name: 'slash', text: '{"credHelpers":{"a.io":"x/../../tmp/evil"}}', expect: [{ rule: 'helper-name', at: '"x/../../tmp/evil"', says: 'working directory' }] },
    { name: 'backslash', text: '{"credsStore":"bin\\\\pass"}', expect: [{ rule: 'helper-name', at: '"bin\\\\pass"' }] },
    { name: 'white space', text: '{"credsStore":"pass "}', expect: [{ rule: 'helper-name', at: '"pass "' }] },
  ],
  'helper-key-form': [
    { name: 'scheme in credHelpers key', text: '{"credHelpers":{"https://gcr.io":"gcloud"}}', expect: [{ rule: 'helper-key-form', at: '"https://gcr.io"', says: 'Write "gcr.io"' }] },
  ],
  'wildcard-registry': [
    { name: 'credHelpers ECR wildcard', text: '{"credHelpers":{"*.dkr.ecr.us-east-1.amazonaws.com":"ecr-login"}}', expect: [{ rule: 'wildcard-registry', severity: 'warning', at: '"*.dkr.ecr.us-east-1.amazonaws.com"' }] },
    { name: 'auths wildcard', text: '{"auths":{"*.example.com":{}},"credsStore":"pass"}', expect: [{ rule: 'wildcard-registry', at: '"*.example.com"' }, { rule: 'empty-auth', at: '"*.example.com"' }] },
  ],
  'unknown-key': [
    { name: 'credStore typo', text: '{"credStore":"pass"}', expect: [{ rule: 'unknown-key', severity: 'warning', at: '"credStore"', says: 'did you mean "credsStore"' }] },
    { name: 'credsHelper typo', text: '{"credsHelper":{}}', expect: [{ rule: 'unknown-key', at: '"credsHelper"', says: '"credHelpers"' }] },
    { name: 'credHelper typo', text: '{"credHelper":{}}', expect: [{ rule: 'unknown-key', at: '"credHelper"', says: '"credHelpers"' }] },
    { name: 'auth at top level', text: '{"auth":{}}', expect: [{ rule: 'unknown-key', at: '"auth"', says: '"auths"' }] },
    { name: 'case variant', text: '{"AUTHS":{}}', expect: [{ rule: 'unknown-key', at: '"AUTHS"', says: 'only in case' }] },
    { name: 'removed key', text: '{"stackOrchestrator":"swarm"}', expect: [{ rule: 'unknown-key', at: '"stackOrchestrator"', says: 'no longer read' }] },
    { name: 'old .dockercfg layout', text: '{"https://index.docker.io/v1/":{"auth":"x"}}', expect: [{ rule: 'unknown-key', at: '"https://index.docker.io/v1/"', says: 'belong under "auths"' }] },
    { name: 'unrelated key', text: '{"colour":"blue"}', expect: [{ rule: 'unknown-key', at: '"colour"' }] },
    { name: 'entry typo', text: '{"auths":{"a.io":{"user":"u","Password":"p"}}}', expect: [{ rule: 'unknown-key', at: '"user"', says: '"username"' }, { rule: 'unknown-key', at: '"Password"', says: 'only in case' }, { rule: 'plaintext-credential', at: '"p"' }] },
  ],
  'docker-hub-key': [
    ...['docker.io', 'index.docker.io', 'https://index.docker.io/v1', 'registry-1.docker.io', 'http://index.docker.io/v1/'].map((k) => ({
      name: `auths ${k}`,
      text: `{"auths":{"${k}":{"auth":"${USERPASS}"}}}`,
      expect: [{ rule: 'docker-hub-key', severity: 'warning', at: `"${k}"`, says: 'https://index.docker.io/v1/' }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }],
    })),
    { name: 'credHelpers docker.io alone', text: '{"credHelpers":{"docker.io":"pass"}}', expect: [{ rule: 'docker-hub-key', at: '"docker.io"', says: 'podman and skopeo use "docker.io"' }] },
    { name: 'credHelpers docker.io next to the real key', text: '{"credHelpers":{"docker.io":"pass","https://index.docker.io/v1/":"pass"}}', expect: [] },
  ],
  'duplicate-registry': [
    { name: 'exact key wins', text: `{"auths":{"r.io:5000":{"auth":"${USERPASS}"},"https://r.io:5000/v1/":{"auth":"${USERPASS}"}}}`, expect: [{ rule: 'duplicate-registry', severity: 'warning', at: '"https://r.io:5000/v1/"', says: 'exact key "r.io:5000"' }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }] },
    { name: 'random winner', text: `{"auths":{"https://r.io/v1/":{"auth":"${USERPASS}"},"r.io/v2/":{"auth":"${USERPASS}"}}}`, expect: [{ rule: 'duplicate-registry', at: '"https://r.io/v1/"', says: 'at random' }, { rule: 'duplicate-registry', at: '"r.io/v2/"', says: 'at random' }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }, { rule: 'plaintext-credential', at: `"${USERPASS}"` }] },
    { name: 'key written twice', text: '{"credsStore":"a","credsStore":"pass"}', expect: [{ rule: 'duplicate-registry', at: '"credsStore"', says: 'last one' }] },
    { name: 'ports differ: not a duplicate', text: '{"auths":{"r.io:5000":{},"r.io:5001":{}},"credsStore":"pass"}', expect: [{ rule: 'empty-auth', at: '"r.io:5000"' }, { rule: 'empty-auth', at: '"r.io:5001"' }] },
  ],
};

for (const [rule, cases] of Object.entries(table)) {
  describe(rule, () => {
    for (const c of cases) test(c.name, () => void expectFindings(c.text, c.expect, c.options));
  });
}

describe('positions', () => {
  test('CRLF file: ranges cover the right text', () => {
    const text = '{\r\n\t"auths": {\r\n\t\t"ghcr.io": {}\r\n\t},\r\n\t"credStore": "pass"\r\n}\r\n';
    expectFindings(text, [
      { rule: 'empty-auth', at: '"ghcr.io"' },
      { rule: 'unknown-key', at: '"credStore"' },
    ]);
  });
  test('unicode keys and escapes', () => {
    const text = '{"auths":{"régistry.例子.com":{},"\\u0072.io":{}}}';
    expectFindings(text, [
      { rule: 'empty-auth', at: '"régistry.例子.com"', path: ['auths', 'régistry.例子.com'] },
      { rule: 'empty-auth', at: '"\\u0072.io"', path: ['auths', 'r.io'] },
    ]);
  });
  test('a big file: 20,000 registries', () => {
    const auths: Record<string, object> = {};
    for (let i = 0; i < 20000; i++) auths[`r${i}.example.com`] = i % 2 ? {} : { auth: b64(`u${i}:p${i}`) };
    const all = findings(JSON.stringify({ auths }, null, 2));
    assert.equal(all.filter((f) => f.rule === 'empty-auth').length, 10000);
    assert.equal(all.filter((f) => f.rule === 'plaintext-credential').length, 10000);
  });
});

describe('messages never hold a secret', () => {
  test('no raw or decoded secret in any message', () => {
    const password = 'Sup3r-S3cret-Value';
    const auth = b64(`alice:${password}`);
    const text = JSON.stringify({
      auths: {
        'a.io': { auth },
        'docker.io': { auth },
        'b.io': { auth, username: 'bob', password },
        'c.io': { identitytoken: password },
        'd.io': { auth: auth.slice(0, -1) },
        'e.io': { auth: b64(password) },
      },
      credHelpers: { 'b.io': 'pass' },
    });
    const all = findings(text);
    assert.ok(all.length >= 6);
    for (const f of all) {
      assert.ok(!messageOf(f).includes(password), messageOf(f));
      assert.ok(!messageOf(f).includes(auth), messageOf(f));
      assert.ok(!messageOf(f).includes(auth.slice(0, -1)), messageOf(f));
      assert.ok(!messageOf(f).includes(b64(password)), messageOf(f));
    }
  });
});
