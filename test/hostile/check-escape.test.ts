// Terminal and CI-command injection through `check` and `resolve` output: registry keys, helper names,
// unknown keys, decoded usernames and file names carrying escape sequences, line breaks and GitHub Actions
// workflow commands (`::error ...::` at the start of a line). Text output must hold no control character,
// no line the file forged, no line starting with `::`; JSON and SARIF must escape them and read back the same.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertExit, runCli, tempDir, write } from './check-support';

/** Clears the screen, sets the window title, forges a workflow command on a new line, 8-bit CSI, RTL override. */
const EVIL = '\u001b[2J\u001b]0;pwn\u0007\n::error file=x,line=1::forged\r\u009b31m\u202e\u2028::warning::w';
/** A directory name that starts with a workflow command and holds a line break. */
const EVIL_DIR = '::error::dir\n::notice::n\u001b[31m';
const SECRET = 'escape-secret-NOT-REAL-99';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let dir: string;
before(() => {
  dir = tempDir('dcg-escape-');
  const config = {
    auths: {
      [`https://evil.example/${EVIL}`]: { auth: Buffer.from(`user${EVIL}:${SECRET}`).toString('base64') },
      [`http://evil.example/${EVIL}`]: {},
      [EVIL]: {},
    },
    credsStore: EVIL,
    credHelpers: { [EVIL]: EVIL, 'helper.example': `x${EVIL}` },
    [EVIL]: 1,
  };
  write(path.join(dir, EVIL_DIR, '.docker/config.json'), JSON.stringify(config));
  // for resolve: two URL-form keys of one host (docker picks either), a username with escapes. Go's url.Parse (docker's
  // ConvertToHostname) refuses a key holding a C0 control character, which then matches nothing
  // (test/conformance/hosts.test.ts): these keys carry the other hostile characters.
  // eslint-disable-next-line no-control-regex
  const path8 = EVIL.replace(/[\u0000-\u001f\u007f]/g, '');
  const auths = { [`https://evil.example/${path8}`]: config.auths[`https://evil.example/${EVIL}`], [`http://evil.example/${path8}`]: {} };
  write(path.join(dir, EVIL_DIR, 'auths.json'), JSON.stringify({ auths }));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every line: no control character, and nothing a CI runner reads as a command. */
function assertSafeText(text: string, what: string): string[] {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', `${what}: ends with a line break`);
  for (const line of lines) {
    assert.doesNotMatch(line, CONTROL, `${what}: control character in ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /^\s*::/, `${what}: workflow command in ${JSON.stringify(line)}`);
  }
  assert.ok(!text.includes(SECRET), `${what}: secret`);
  return lines;
}

describe('check', () => {
  test('text: one escaped line per finding, each starting with the escaped file name', () => {
    const r = runCli(['check', '.'], { cwd: dir });
    assertExit(r, 1, 'check');
    const lines = assertSafeText(r.out, 'stdout');
    assertSafeText(r.err, 'stderr');
    const json = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    const findings = JSON.parse(json.out).files[0].findings as unknown[];
    assert.ok(findings.length >= 6, `${findings.length} findings`);
    assert.equal(lines.length, findings.length, r.out);
    const shown = '\\x3a:error::dir\\n::notice::n\\x1b[31m/.docker/config.json:1:';
    for (const line of lines) assert.ok(line.startsWith(shown), line);
    assert.match(r.out, /\\x1b\[2J\\x1b\]0;pwn\\x07\\n::error file=x,line=1::forged\\r\\x9b31m\\u202e\\u2028::warning::w/);
    assert.match(r.out, /unknown-key: /);
    assert.match(r.out, /helper-name: /);
  });
  test('an error line for a file with such a name is escaped too', () => {
    const r = runCli(['check', '::error::gone\n::notice::n\u001bc'], { cwd: dir });
    assertExit(r, 2, 'missing');
    const [line] = assertSafeText(r.err, 'stderr');
    assert.equal(line, 'docker-config-guard: ::error::gone\\n::notice::n\\x1bc: no such file');
  });
  test('a glob that matches nothing, with such text, is escaped in the "nothing found" line', () => {
    fs.mkdirSync(path.join(dir, '::error::none'));
    const r = runCli(['check', `::error::none/${EVIL_DIR}/*.json`], { cwd: dir });
    assertExit(r, 0, 'no match');
    const [line] = assertSafeText(r.out, 'stdout');
    assert.ok(line.startsWith('\\x3a:error::none/::error::dir\\n::notice::n\\x1b[31m/*.json: '), line);
  });
  for (const format of ['json', 'sarif']) {
    test(`${format}: control characters escaped (C1 and bidi included), values read back exactly`, () => {
      const r = runCli(['check', '--format', format, '.'], { cwd: dir });
      assertExit(r, 1, format);
      assert.doesNotMatch(r.out, CONTROL);
      for (const line of r.out.split('\n')) assert.doesNotMatch(line, /^\s*::/);
      assert.ok(r.out.includes('\\u009b31m\\u202e\\u2028'), 'C1, bidi and line separator as JSON escapes');
      assert.ok(!r.out.includes(SECRET));
      const doc = JSON.parse(r.out);
      if (format === 'json') {
        assert.equal(doc.files[0].path, `${EVIL_DIR}/.docker/config.json`);
        assert.ok(doc.files[0].findings.some((f: { path: string[] }) => f.path[0] === EVIL));
      } else {
        assert.ok(doc.runs[0].results.some((x: { message: { text: string } }) => x.message.text.includes(EVIL)));
      }
    });
  }
});

describe('resolve', () => {
  const config = () => path.join(dir, EVIL_DIR, '.docker/config.json');
  const authsOnly = () => path.join(dir, EVIL_DIR, 'auths.json');
  test('text: entry, candidates, username and file name escaped; only the known labels start a line', () => {
    const r = runCli(['resolve', '--config', authsOnly(), 'evil.example/app'], { cwd: dir });
    assertExit(r, 0, 'resolve');
    const lines = assertSafeText(r.out, 'stdout');
    for (const line of lines) assert.match(line, /^(registry|key|source|username|helper|note): /, line);
    assert.match(r.out, /^username: user\\x1b\[2J/m);
    assert.match(r.out, /^note: +2 keys match/m);
    assert.ok(r.out.includes('/::error::dir\\n::notice::n\\x1b[31m/auths.json'), 'the file name, escaped');
  });
  test('text: helper names escaped (credHelpers and credsStore), with and without --run-helpers', () => {
    for (const args of [['helper.example/app'], ['other.example/app'], ['helper.example/app', '--run-helpers']]) {
      const r = runCli(['resolve', '--config', config(), ...args], { cwd: dir });
      assertExit(r, 0, args.join(' '));
      assertSafeText(r.out, `${args.join(' ')} stdout`);
      assertSafeText(r.err, `${args.join(' ')} stderr`);
      assert.match(r.out, /^source: +(credHelpers|credsStore) helper "x?\\x1b\[2J/m);
    }
  });
  test('json: control characters escaped, the username reads back exactly', () => {
    const r = runCli(['resolve', '--format', 'json', '--config', authsOnly(), 'evil.example/app'], { cwd: dir });
    assertExit(r, 0, 'resolve json');
    assert.doesNotMatch(r.out, CONTROL);
    assert.equal(JSON.parse(r.out).username, `user${EVIL.slice(0, EVIL.indexOf(':'))}`);
  });
  test('a usage error echoing an argument is escaped', () => {
    const r = runCli(['check', `--${EVIL}`], { cwd: dir });
    assertExit(r, 2, 'usage');
    assertSafeText(r.err, 'stderr');
  });
});
