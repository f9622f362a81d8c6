// Where a credential helper may come from, and when one runs at all. A `docker-credential-x` planted in
// the current directory, or in a relative PATH entry (".", "bin", ""), is never run: docker (Go's
// exec.LookPath) refuses them too. `check` and `resolve` without --run-helpers run no helper. Each
// planted helper leaves a marker file when it runs; the built command line (dist/cli.js) is run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-hostile-path-'));
const cwd = path.join(root, 'work');
const abs = path.join(root, 'abs-bin');
const home = path.join(root, 'home');
const marker = path.join(root, 'ran');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A helper that records that it ran (and where from), then answers as a working store would. */
function plant(dir: string, name: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `docker-credential-${name}`),
    `#!/bin/sh\necho "${dir} $1" >> '${marker}'\ncase "$1" in list) echo '{}' ;; get) echo '{"ServerURL":"","Username":"planted","Secret":"s"}' ;; esac\n`,
    { mode: 0o755 },
  );
}
const ran = (): string[] => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim().split('\n') : []);

function run(args: string[], PATH: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH, HOME: home, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function config(name: string, value: unknown): string {
  const file = path.join(cwd, name);
  fs.writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
  return file;
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run "npm run build" first`);
  fs.mkdirSync(home, { recursive: true });
  plant(cwd, 'x'); // ./docker-credential-x
  plant(path.join(cwd, 'bin'), 'x'); // bin/docker-credential-x, for PATH entry "bin"
  plant(path.join(cwd, 'rel'), 'y'); // rel/docker-credential-y, for PATH entry "./rel"
  plant(abs, 'z'); // an honest helper on an absolute PATH entry
});

describe('never from the current directory or a relative PATH entry', () => {
  const PATH = ['.', 'bin', '', './rel', '/usr/bin', '/bin'].join(path.delimiter);

  test('resolve --run-helpers: the planted helper is not run; docker would not find it either', () => {
    for (const helper of ['x', 'y']) {
      const file = config(`resolve-${helper}.json`, { credsStore: helper, auths: { 'r.example': {} } });
      const json = JSON.parse(run(['resolve', 'r.example/app', '--config', file, '--run-helpers', '--format', 'json'], PATH).out);
      assert.equal(json.helperAnswer, 'failed');
      assert.equal(json.helperError, `docker-credential-${helper} was not found on PATH`);
      assert.equal(json.username, null);
      const text = run(['resolve', 'r.example/app', '--config', file, '--run-helpers'], PATH);
      assert.doesNotMatch(text.out, /planted/);
    }
    assert.deepEqual(ran(), []);
  });

  test('check reports the helper as not on PATH and runs nothing', () => {
    const file = config('check.json', { credsStore: 'x', credHelpers: { 'q.example': 'y' }, auths: { 'r.example': {}, 'q.example': {} } });
    const r = run(['check', file], PATH);
    assert.match(r.out, /helper-not-found: "docker-credential-x" is not on PATH/);
    assert.match(r.out, /helper-not-found: "docker-credential-y" is not on PATH/);
    assert.deepEqual(ran(), []);
  });

  test('move-secrets: --helper from the current directory is refused; nothing runs, the file stays', () => {
    const text = JSON.stringify({ auths: { 'm.example': { auth: Buffer.from('u:pw').toString('base64') } } });
    const file = config('move.json', JSON.parse(text));
    const r = run(['move-secrets', '--config', file, '--helper', 'x', '--yes'], PATH);
    assert.equal(r.code, 2);
    assert.match(r.err, /"docker-credential-x" is not on PATH/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.deepEqual(ran(), []);
  });

  test('a helper name that is a path is never run', () => {
    for (const name of ['./docker-credential-x', 'bin/docker-credential-x', '../work/docker-credential-x']) {
      const file = config('pathname.json', { credsStore: name, auths: { 'r.example': {} } });
      const json = JSON.parse(run(['resolve', 'r.example/app', '--config', file, '--run-helpers', '--format', 'json'], PATH).out);
      assert.match(json.helperError, /^refusing to run credential helper: /);
    }
    assert.deepEqual(ran(), []);
  });

  test('a refused helper name with terminal escapes: the error text carries them escaped', () => {
    const file = config('escape.json', { credsStore: 'docker-credential-\u001b]0;pwned\u0007\u001b[2J\u202e', auths: { 'r.example': {} } });
    const json = JSON.parse(run(['resolve', 'r.example/app', '--config', file, '--run-helpers', '--format', 'json'], PATH).out);
    assert.match(json.helperError, /^refusing to run credential helper: .*\\x1b\]0;pwned\\x07\\x1b\[2J\\u202e/);
    assert.doesNotMatch(json.helperError, /[\u0000-\u001f\u202e]/);
    // The "helper:" line (the other lines' escaping is the text output's own).
    const line = run(['resolve', 'r.example/app', '--config', file, '--run-helpers'], PATH).out.split('\n').find((l) => l.startsWith('helper:'));
    assert.match(line ?? '', /^helper: {3}refusing to run credential helper: .*\\x1b/);
    assert.doesNotMatch(line ?? '', /[\u0000-\u001f\u202e]/);
  });

  test('the same helper on an absolute PATH entry does run (the test can see a run)', () => {
    const file = config('abs.json', { credsStore: 'z', auths: { 'r.example': {} } });
    const json = JSON.parse(run(['resolve', 'r.example/app', '--config', file, '--run-helpers', '--format', 'json'], [abs, '/usr/bin', '/bin'].join(path.delimiter)).out);
    assert.equal(json.username, 'planted');
    assert.deepEqual(ran(), [`${abs} get`]);
    fs.rmSync(marker);
  });
});

describe('no helper runs without --run-helpers', () => {
  const PATH = [abs, '/usr/bin', '/bin'].join(path.delimiter);

  test('check, resolve (text and JSON) and rules run no helper, even one on PATH the file names', () => {
    const file = config('norun.json', { credsStore: 'z', credHelpers: { 'q.example': 'z' }, auths: { 'r.example': {}, 'q.example': { auth: Buffer.from('u:pw').toString('base64') } } });
    const check = run(['check', file], PATH);
    assert.doesNotMatch(check.out, /helper-not-found/, 'the helper is on PATH');
    run(['check', '--format', 'json', file], PATH);
    run(['check', '--format', 'sarif', file], PATH);
    const json = JSON.parse(run(['resolve', 'r.example/app', '--config', file, '--format', 'json'], PATH).out);
    assert.deepEqual([json.source, json.helper, json.username, json.helperAnswer], ['credsStore', 'z', null, undefined]);
    run(['resolve', 'q.example/app', '--config', file], PATH);
    run(['rules'], PATH);
    assert.deepEqual(ran(), []);
  });
});
