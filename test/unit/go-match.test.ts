// kubelet compares each host part of an auths key with the image's through Go's path/filepath.Match (kubernetes
// pkg/credentialprovider keyring.go URLsMatch): `[...]` is a character class there, not a literal. The cases are
// Go's own (src/path/filepath/match_test.go matchTests) and kubernetes' (keyring_test.go TestURLsMatch,
// TestDockerKeyringForGlob, TestKeyringMiss, TestDockerKeyringLookup, TestIssue3797).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareClients, imageForKey, resolveForClient } from '../../src/core';
import { kubeletKeyOf, kubeletMatches } from '../../src/core/clientKeys';
import { goFilepathMatch, stepBudget } from '../../src/core/goMatch';
import { b64 } from './util';

const BAD = 'bad-pattern';
// [pattern, name, matched, error] from Go's matchTests.
const GO_CASES: Array<[string, string, boolean, string?]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', false, BAD],
  ['[-]', '-', false, BAD],
  ['[x-]', 'x', false, BAD],
  ['[x-]', '-', false, BAD],
  ['[x-]', 'z', false, BAD],
  ['[-x]', 'x', false, BAD],
  ['[-x]', '-', false, BAD],
  ['[-x]', 'a', false, BAD],
  ['\\', 'a', false, BAD],
  ['[a-b-c]', 'a', false, BAD],
  ['[', 'a', false, BAD],
  ['[^', 'a', false, BAD],
  ['[^bc', 'a', false, BAD],
  ['a[', 'a', false, BAD],
  ['a[', 'ab', false, BAD],
  ['a[', 'x', false, BAD],
  ['a/b[', 'x', false, BAD],
  ['*x', 'xxx', true],
];

test("Go's filepath.Match cases (match_test.go), with ErrBadPattern", () => {
  for (const [pattern, name, matched, error] of GO_CASES) {
    const got = goFilepathMatch(pattern, name);
    assert.deepEqual(got, error ? { matched, error } : { matched }, `Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`);
  }
});

test('more of Go: classes, escapes, a star landing inside a multi-byte character', () => {
  assert.equal(goFilepathMatch('[a-c]x', 'bx').matched, true);
  assert.equal(goFilepathMatch('[a-c]x', 'dx').matched, false);
  assert.equal(goFilepathMatch('[abc]', 'b').matched, true);
  assert.equal(goFilepathMatch('[!a]', '!').matched, true); // only ^ negates; ! is a member
  assert.equal(goFilepathMatch('[!a]', 'b').matched, false);
  assert.equal(goFilepathMatch('[[]', '[').matched, true);
  assert.equal(goFilepathMatch('[*]x', '*x').matched, true); // a star inside a class is a member, not a wildcard
  assert.equal(goFilepathMatch('\\[a]', '[a]').matched, true);
  assert.deepEqual(goFilepathMatch('[]', 'a'), { matched: false, error: BAD });
  assert.deepEqual(goFilepathMatch('x*[', 'xyz'), { matched: false, error: BAD }); // bad after a failed match: still an error
  // Go skips bytes after a star: "*??" finds "☺" as two bytes (U+FFFD, then the last byte).
  assert.equal(goFilepathMatch('*??', '☺').matched, true);
  assert.equal(goFilepathMatch('??', '☺').matched, false);
});

test('cost: each star-led chunk tried once per position, within a budget linear in the lengths', () => {
  // DNS-sized parts always get the exact answer.
  const p = '*a'.repeat(31) + 'b';
  assert.deepEqual(goFilepathMatch(p, 'a'.repeat(63)), { matched: false });
  assert.equal(goFilepathMatch(p.slice(0, -1), 'a'.repeat(63)).matched, true);
  // Crafted long ones stop at the budget instead of taking |pattern| x |name| steps.
  const long = goFilepathMatch('*' + 'a'.repeat(20_000) + 'b', 'a'.repeat(200_000));
  assert.deepEqual(long, { matched: false, error: 'budget' });
  assert.ok(stepBudget(20_002, 200_000) < 20_000_000);
  // A long literal part (no wildcard) is compared as it is, whatever its length.
  assert.equal(goFilepathMatch('a'.repeat(100_000), 'a'.repeat(100_000)).matched, true);
});

test('kubernetes TestURLsMatch', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.kubernetes.io', 'prefix.kubernetes.io', true],
    ['prefix.*.io', 'prefix.kubernetes.io', true],
    ['prefix.kubernetes.*', 'prefix.kubernetes.io', true],
    ['*-good.kubernetes.io', 'prefix-good.kubernetes.io', true],
    ['*.kubernetes.io/blah', 'prefix.kubernetes.io/blah', true],
    ['prefix.*.io/foo', 'prefix.kubernetes.io/foo/bar', true],
    ['*.kubernetes.io:1111/blah', 'prefix.kubernetes.io:1111/blah', true],
    ['prefix.*.io:1111/foo', 'prefix.kubernetes.io:1111/foo/bar', true],
    ['*.kubernetes.io', 'kubernetes.io', false],
    ['*.*.kubernetes.io', 'prefix.kubernetes.io', false],
    ['*.*.kubernetes.io', 'kubernetes.io', false],
    ['kubernetes.io', 'kubernetes.com', false],
    ['k*.io', 'quay.io', false],
    ['*.kubernetes.io:1234/blah', 'prefix.kubernetes.io:1111/blah', false],
    ['prefix.*.io/foo', 'prefix.kubernetes.io:1111/foo/bar', false],
  ];
  for (const [glob, target, expected] of cases) assert.equal(kubeletMatches(glob, target), expected, `${glob} ${target}`);
});

test('kubernetes TestDockerKeyringForGlob and TestKeyringMiss, through Add (kubeletKeyOf) and Lookup', () => {
  const hits: Array<[string, string]> = [
    ['https://hello.kubernetes.io', 'hello.kubernetes.io'],
    ['https://*.docker.io', 'prefix.docker.io'],
    ['https://prefix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.*', 'prefix.docker.io'],
    ['https://*.docker.io/path', 'prefix.docker.io/path'],
    ['https://prefix.*.io/path', 'prefix.docker.io/path/subpath'],
    ['https://prefix.docker.*/path', 'prefix.docker.io/path'],
    ['https://*.docker.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.*.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.docker.*:8888', 'prefix.docker.io:8888'],
    ['https://*.docker.io/path:1111', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v1/', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v2/', 'prefix.docker.io/path:1111'],
    ['https://prefix.docker.*/path:1111', 'prefix.docker.io/path:1111'],
    ['prefix.docker.io:1111', 'prefix.docker.io:1111/path'],
    ['*.docker.io:1111', 'prefix.docker.io:1111/path'],
  ];
  const lookup = (loc: string, image: string) => {
    const key = kubeletKeyOf(loc);
    return key !== undefined && kubeletMatches(key, `${image}/foo/bar`);
  };
  for (const [loc, image] of hits) assert.equal(lookup(loc, image), true, `${loc} ${image}`);
  const misses: Array<[string, string]> = [
    ['https://hello.kubernetes.io', 'world.mesos.org/foo/bar'],
    ['https://*.docker.com', 'prefix.docker.io'],
    ['https://suffix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.c*', 'prefix.docker.io'],
    ['https://prefix.*.io/path:1111', 'prefix.docker.io/path/subpath:1111'],
    ['suffix.*.io', 'prefix.docker.io'],
  ];
  for (const [loc, image] of misses) assert.equal(lookup(loc, image), false, `${loc} ${image}`);
  // TestDockerKeyringLookup and TestIssue3797
  assert.equal(kubeletMatches('bar.example.com/pong', 'bar.example.com/pongz'), true);
  assert.equal(kubeletMatches('bar.example.com', 'example.com'), false);
  assert.equal(kubeletMatches(kubeletKeyOf('https://quay.io/v1/')!, 'quay.io/foo/bar'), true);
});

test('kubelet: [...] in a key is a character class; keys Go cannot parse are ignored', () => {
  assert.equal(kubeletMatches('registry.[a-c]x.io', 'registry.bx.io/team/app'), true);
  assert.equal(kubeletMatches('registry.[a-c]x.io', 'registry.dx.io/team/app'), false);
  assert.equal(kubeletMatches('registry.[a-c]x.io', 'registry.[a-c]x.io/team/app'), false); // not a literal
  assert.equal(kubeletMatches('r[0-9].example.com', 'r7.example.com/x'), true);
  assert.equal(kubeletMatches('r[0-9.example.com', 'r[0-9.example.com/x'), false); // ErrBadPattern: no match
  // url.Parse refuses "^" and "\" in a host, so kubelet ignores such keys (keyring.go Add).
  assert.equal(kubeletKeyOf('r[^a].example.com'), undefined);
  assert.equal(kubeletKeyOf('r\\[a].example.com'), undefined);
  // A host that starts with "[" is an IPv6 literal to url.Parse: "[a-c]x.io" is refused.
  assert.equal(kubeletKeyOf('[a-c]x.io'), undefined);
  // "?" starts the query: "r?.io" is the host "r".
  assert.equal(kubeletKeyOf('r?.io'), 'r');
});

test('resolve --client kubelet and the side-by-side hover agree on a [...] key', () => {
  const text = JSON.stringify({ auths: { 'registry.[a-c]x.io': { auth: b64('alice:pw') } } });
  const hit = resolveForClient('kubelet', 'registry.bx.io/team/app', [{ file: 'f', text }]);
  assert.equal(hit.key, 'registry.[a-c]x.io');
  assert.equal(hit.username, 'alice');
  const miss = resolveForClient('kubelet', 'registry.dx.io/team/app', [{ file: 'f', text }]);
  assert.equal(miss.source, 'none');
  const side = compareClients('registry.bx.io/team/app', text, 'kubelet');
  assert.deepEqual(side.rows[0].source, { kind: 'entry', key: 'registry.[a-c]x.io' });
  const copy = compareClients('registry.bx.io/team/app', text, 'docker').rows.find((r) => r.client === 'kubelet-copy');
  assert.deepEqual(copy?.source, { kind: 'entry', key: 'registry.[a-c]x.io' });
});

test('the hover asks the clients about no image for a key with a glob class (only IPv6 hosts have brackets)', () => {
  assert.equal(imageForKey('registry.[a-c]x.io'), undefined);
  assert.equal(imageForKey('[a-c].io'), undefined);
  assert.equal(imageForKey('[::1]:5000'), '[::1]:5000/team/app:tag');
});
