// Issue 11: how docker reduces a registry key to its host (docker/cli credentials.ConvertToHostname, Go's
// net/url). The first table is docker/cli's own TestConvertToHostname (cli/config/credentials/file_store_test.go
// at v28.2.2); the rest follow Go 1.24's url.Parse and are checked against the real docker CLI in
// test/conformance/hosts.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { convertToHostname } from '../../src/core/docker/registry';
import { parseGoUrl, splitGoHostPort, joinGoHostPort } from '../../src/core/docker/goUrl';
import { containersKeyOf } from '../../src/core/clientKeys';
import { hoverAt } from '../../src/core/hover';
import { parseConfig } from '../../src/core/docker/model';

// docker/cli cli/config/credentials/file_store_test.go TestConvertToHostname (v28.2.2), input -> expected.
const DOCKER_CLI_TABLE: Array<[string, string]> = [
  ['127.0.0.1', '127.0.0.1'],
  ['::1', '::1'],
  ['[::1]', '[::1]'],
  ['example.com', 'example.com'],
  ['http://example.com', 'example.com'],
  ['https://example.com', 'example.com'],
  ['https://example.com/', 'example.com'],
  ['https://example.com/v2/', 'example.com'],
  ['unix:///var/run/docker.sock', 'unix:'],
  ['ftp://example.com', 'example.com'],
  ['127.0.0.1:6556', '127.0.0.1:6556'],
  ['::1:6556', '::1:6556'],
  ['[::1]:6556', '[::1]:6556'],
  ['example.com:6555', 'example.com:6555'],
  ['https://127.0.0.1:6555/v2/', '127.0.0.1:6555'],
  ['https://::1:6555/v2/', '[::1]:6555'],
  ['https://[::1]:6555/v2/', '[::1]:6555'],
  ['http://example.com:6555', 'example.com:6555'],
  ['https://example.com:6555', 'example.com:6555'],
  ['https://example.com:6555/v2/', 'example.com:6555'],
];

for (const [input, expected] of DOCKER_CLI_TABLE) {
  test(`docker/cli TestConvertToHostname: ${input}`, () => assert.equal(convertToHostname(input), expected));
}

// Beyond docker/cli's table: Go's url.Parse decides, and docker falls back to "cut at the first /" when it fails
// or finds no host.
const GO_CASES: Array<[string, string, string]> = [
  ['user info dropped', 'https://alice:pw@r.example:5000/v2/', 'r.example:5000'],
  ['user info without password', 'https://alice@r.example', 'r.example'],
  ['last @ separates the user info', 'https://a@b@r.example', 'r.example'],
  ['invalid user info: Go fails, cut at /', 'https://al ice@r.example/', 'https:'],
  ['bad escape in user info', 'https://a%zz@r.example/', 'https:'],
  ['odd scheme', 'oci+https://r.example:5000', 'r.example:5000'],
  ['upper-case scheme', 'HTTPS://r.example', 'r.example'],
  ['host case kept', 'https://R.Example', 'R.Example'],
  ['empty port dropped', 'https://r.example:/v2/', 'r.example'],
  ['non-numeric port: Go fails', 'https://r.example:abc/v2/', 'https:'],
  ['IPv6 zone', 'https://[fe80::1%25eth0]:5000/', '[fe80::1%eth0]:5000'],
  ['bracketed host without port', 'https://[::1]/v2/', '::1'],
  ['missing ]', 'https://[::1:5000/', 'https:'],
  ['query and fragment', 'https://r.example?x=1#frag', 'r.example'],
  ['bad escape in the path', 'https://r.example/%zz', 'https:'],
  ['bad escape in the fragment', 'https://r.example/#%zz', 'https:'],
  ['escape in the host (ASCII): Go refuses', 'https://r%2Eexample/', 'https:'],
  ['space in the host', 'https://r example/', 'https:'],
  ['no host', 'https:///v2/', 'https:'],
  ['scheme after text', 'quay.io/a://b', 'quay.io'],
  ['no valid scheme', '1a://b/c', '1a:'],
  ['missing scheme', '://r.example/x', ':'],
  ['opaque', 'localhost:5000/x://y', 'localhost:5000'],
  ['control character', 'https://r.example\t/x', 'https:'],
];
for (const [name, input, expected] of GO_CASES) {
  test(`Go url.Parse host: ${name}`, () => assert.equal(convertToHostname(input), expected));
}

test('parseGoUrl, splitGoHostPort and joinGoHostPort follow Go', () => {
  assert.deepEqual(parseGoUrl('ftp://example.com'), { ok: true, scheme: 'ftp', host: 'example.com', opaque: false });
  assert.deepEqual(parseGoUrl('mailto:a@b'), { ok: true, scheme: 'mailto', host: '', opaque: true });
  assert.equal(parseGoUrl('https://r.example:x').ok, false);
  assert.deepEqual(splitGoHostPort('::1:6555'), { hostname: '::1', port: '6555' });
  assert.deepEqual(splitGoHostPort('[::1]'), { hostname: '::1', port: '' });
  assert.equal(joinGoHostPort('::1', '6555'), '[::1]:6555');
  assert.equal(joinGoHostPort('r.example', '1'), 'r.example:1');
});

test('containers/image keeps its own key normalisation: only http:// and https:// are dropped', () => {
  // containers/image pkg/docker/config/config.go normalizeAuthFileKey (v5.23.1)
  assert.equal(containersKeyOf('ftp://example.com'), 'ftp://example.com');
  assert.equal(containersKeyOf('https://::1:6555/v2/'), '::1:6555');
  assert.equal(containersKeyOf('https://alice@r.example/v2/'), 'alice@r.example');
  assert.equal(containersKeyOf('quay.io/team'), 'quay.io/team');
  // the legacy ~/.dockercfg: every key cut at its first "/"
  assert.equal(containersKeyOf('quay.io/team', true), 'quay.io');
  assert.equal(containersKeyOf('ftp://example.com', true), 'ftp:');
});

test('linear on crafted keys (no backtracking)', () => {
  const keys = ['https://' + '['.repeat(200_000), 'https://' + '@'.repeat(200_000) + 'r', 'a'.repeat(200_000) + '://', 'https://' + '%2'.repeat(100_000), 'https://r/' + '%41'.repeat(100_000)];
  for (const k of keys) assert.equal(typeof convertToHostname(k), 'string');
});

test('the hover on an auths key names the registry docker reduces it to', () => {
  const auth = Buffer.from('hov:pw').toString('base64');
  for (const [key, registry] of [['https://::1:6555/v2/', '[::1]:6555'], ['ftp://example.com', 'example.com'], ['https://alice@r.example:5000/v2/', 'r.example:5000']]) {
    const text = JSON.stringify({ auths: { [key]: { auth } } });
    const h = hoverAt(parseConfig(text).model, text.indexOf(key))!;
    assert.ok(h.markdown.includes('`' + registry + '`'), h.markdown);
    assert.match(h.markdown, /Docker takes credentials from this entry/);
  }
});
