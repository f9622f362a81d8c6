import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { b64 } from './util';
import { FakeHelperDir, fakeHelperDir } from '../support/fake-helper';

const SECRET = 'Pa55-w0rd-that-must-not-leak';
let dir: string;
// The suite's own helper: what `check` finds on PATH never depends on the host (no docker-credential-pass here).
let fakes: FakeHelperDir;

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { HOME: dir, PATH: fakes.path, ...env } });
  return { code, out, err };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-cli-'));
  fakes = fakeHelperDir();
  fakes.write('dcg-store', `case "$1" in list) echo '{}' ;; *) echo 'credentials not found in native keychain'; exit 1 ;; esac`);
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fakes.cleanup();
});

describe('check', () => {
  test('clean file: exit 0', async () => {
    const f = write('clean.json', '{"credsStore":"dcg-store"}');
    const r = await run(['check', f]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no problems found/);
  });
  test('a helper is looked up on the PATH given, not the host\'s: the same name is not found without the suite\'s dir', async () => {
    const f = write('clean.json', '{"credsStore":"dcg-store"}');
    const r = await run(['check', f], { PATH: '/usr/bin:/bin' });
    assert.equal(r.code, 1);
    assert.match(r.out, /error helper-not-found: "docker-credential-dcg-store" is not on PATH/);
  });
  test('text format: file:line:col severity rule message, exit 1', async () => {
    const f = write('bad.json', '{\n  "auths": {\n    "a.io": {}\n  }\n}');
    const r = await run(['check', f]);
    assert.equal(r.code, 1);
    assert.equal(r.out.split('\n')[0].startsWith(`${f}:3:5: error empty-auth: `), true, r.out);
  });
  test('json format: version, files, 0-based ranges', async () => {
    const f = write('bad2.json', '{\n  "auths": {\n    "a.io": {}\n  }\n}');
    const r = await run(['check', '--format', 'json', f]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out);
    assert.equal(doc.version, 1);
    assert.equal(doc.files[0].path, f);
    const finding = doc.files[0].findings[0];
    assert.deepEqual(
      { rule: finding.rule, severity: finding.severity, path: finding.path, range: finding.range },
      { rule: 'empty-auth', severity: 'error', path: ['auths', 'a.io'], range: { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } } },
    );
    assert.equal(typeof finding.message, 'string');
  });
  test('default file: $DOCKER_CONFIG, then ~/.docker', async () => {
    write('.docker/config.json', '{"auths":{"home.io":{}}}');
    write('custom/config.json', '{"auths":{"custom.io":{}}}');
    assert.match((await run(['check'])).out, /home\.io/);
    assert.match((await run(['check'], { DOCKER_CONFIG: path.join(dir, 'custom') })).out, /custom\.io/);
  });
  test('missing file: clear message, exit 2, no stack', async () => {
    const r = await run(['check', path.join(dir, 'nope.json')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.json: no such file/);
    assert.doesNotMatch(r.err, /at .*\(/);
  });
  test('a directory is searched (test/unit/cli-check.test.ts); one without configs: exit 0', async () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = await run(['check', path.join(dir, 'empty')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no Docker configs, Podman auth files or pull secrets found/);
  });
  test('usage errors: exit 2', async () => {
    assert.equal((await run(['check', '--format', 'xml'])).code, 2);
    assert.equal((await run(['check', '--bogus'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run([])).code, 2);
  });
  test('help and version: exit 0', async () => {
    assert.equal((await run(['--help'])).code, 0);
    assert.equal((await run(['check', '--help'])).code, 0);
    assert.equal((await run(['--version'])).code, 0);
  });
  test('no secret in any output', async () => {
    const auth = b64(`alice:${SECRET}`);
    const f = write('secret.json', JSON.stringify({ auths: { 'a.io': { auth }, 'b.io': { password: SECRET }, 'docker.io': { auth: auth.slice(1) } }, credHelpers: { 'b.io': 'x/y' } }));
    for (const format of ['text', 'json']) {
      const r = await run(['check', '--format', format, f]);
      assert.equal(r.code, 1);
      for (const s of [r.out, r.err]) {
        assert.ok(!s.includes(SECRET) && !s.includes(auth) && !s.includes(auth.slice(1)), `secret leaked in ${format} output`);
      }
    }
    // a bad auth elsewhere makes docker send auth values undecoded: no username can be named
    const partial = await run(['resolve', 'a.io/x', '--config', f, '--format', 'json']);
    assert.ok(!partial.out.includes(SECRET) && !partial.out.includes(auth));
    assert.deepEqual([JSON.parse(partial.out).username, JSON.parse(partial.out).undecoded], [null, true]);
    const clean = write('secret-clean.json', JSON.stringify({ auths: { 'a.io': { auth } } }));
    const r = await run(['resolve', 'a.io/x', '--config', clean, '--format', 'json']);
    assert.ok(!r.out.includes(SECRET) && !r.out.includes(auth));
    assert.equal(JSON.parse(r.out).username, 'alice');
  });
});

describe('resolve', () => {
  test('json shape', async () => {
    const f = write('res.json', JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } }));
    assert.deepEqual(JSON.parse((await run(['resolve', 'alpine', '--config', f, '--format', 'json'])).out), {
      registry: 'docker.io',
      key: 'https://index.docker.io/v1/',
      source: 'credsStore',
      helper: 'desktop',
      entry: null,
      username: null,
    });
    assert.equal(JSON.parse((await run(['resolve', 'gcr.io/p/i:1', '--config', f, '--format', 'json'])).out).helper, 'gcloud');
  });
  test('one image required', async () => assert.equal((await run(['resolve'])).code, 2));
});

describe('the bundled command line', () => {
  const cli = path.resolve(__dirname, '../../../dist/cli.js');
  test('exit codes from a real process', { skip: !fs.existsSync(cli) && 'run npm run build first' }, () => {
    const good = write('p-good.json', '{}');
    const bad = write('p-bad.json', '{"auths":{"a.io":{}}}');
    assert.equal(spawnSync(process.execPath, [cli, 'check', good]).status, 0);
    assert.equal(spawnSync(process.execPath, [cli, 'check', bad]).status, 1);
    const missing = spawnSync(process.execPath, [cli, 'check', path.join(dir, 'none.json')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });
});
