// Files that are not config files: FIFOs and devices named, planted in a searched tree or reached through
// a symbolic link or --config; symbolic links that lead out of a searched tree (to the runner's own
// ~/.docker/config.json); files over the size limit; a file whose check throws. Each must end as that
// file's error or notice, quickly, while every other file is still checked and reported in every format.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { MAX_BYTES } from '../../src/cli/files';
import { ONE_FINDING, Run, assertExit, runCli, tempDir, write } from './check-support';

const SECRET = 'runner-secret-NOT-REAL-7f3a';
const RUNNER_REGISTRY = 'runner-only.example';
/** Generous for a loaded machine; the old code never finished these (it waited on the FIFO, read /dev/zero forever). */
const LIMIT = 20_000;

let dir: string; // the repository being checked
let home: string; // the runner's home, outside the repository

before(() => {
  dir = tempDir('dcg-files-');
  home = tempDir('dcg-home-');
  write(path.join(home, '.docker/config.json'), JSON.stringify({ auths: { [RUNNER_REGISTRY]: { auth: Buffer.from(`ci:${SECRET}`).toString('base64') } } }));
  write(path.join(dir, 'repo/ok/.docker/config.json'), ONE_FINDING);
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

function link(target: string, at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.rmSync(at, { force: true });
  fs.symlinkSync(target, at);
}

/** The checked file ok/.docker/config.json shows up in every format. */
function assertOkReported(r: Run, format: string): void {
  if (format === 'text') assert.match(r.out, /ok\/\.docker\/config\.json:1:11: error empty-auth: "checked\.example"/);
  else if (format === 'json') {
    const files = JSON.parse(r.out).files as Array<{ path: string; findings?: Array<{ rule: string }> }>;
    assert.ok(files.some((f) => f.path.endsWith('ok/.docker/config.json') && f.findings?.[0]?.rule === 'empty-auth'), r.out);
  } else {
    const results = JSON.parse(r.out).runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    assert.ok(results.some((x) => x.ruleId === 'empty-auth' && x.locations[0].physicalLocation.artifactLocation.uri.endsWith('ok/.docker/config.json')), r.out);
  }
}

describe('FIFOs and devices', () => {
  test('FIFOs named, linked inside the tree and planted as a config: errors at once, exit 2, the rest reported', (t) => {
    t.after(() => ['repo/pipe', 'repo/raw', 'repo/fifo'].forEach((d) => fs.rmSync(path.join(dir, d), { recursive: true, force: true })));
    execFileSync('mkfifo', [path.join(dir, 'repo/fifo')]);
    link('../../fifo', path.join(dir, 'repo/pipe/.docker/config.json'));
    fs.mkdirSync(path.join(dir, 'repo/raw/.docker'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'repo/raw/.docker/config.json')]);
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['check', '--format', format, 'repo', 'fifo'], { cwd: dir, timeoutMs: LIMIT });
      assertExit(r, 2, `FIFO, ${format}`);
      for (const file of ['fifo', 'repo/pipe/.docker/config.json', 'repo/raw/.docker/config.json']) {
        assert.match(r.err, new RegExp(`^docker-config-guard: ${file.replace(/\./g, '\\.')}: not a regular file \\(a pipe, device or socket\\): not read$`, 'm'));
      }
      assertOkReported(r, format);
      if (format === 'sarif') {
        const inv = JSON.parse(r.out).runs[0].invocations[0];
        assert.equal(inv.executionSuccessful, false);
        assert.equal(inv.toolExecutionNotifications.filter((n: { level: string }) => n.level === 'error').length, 3);
      }
    }
  });
  test('/dev/zero, /dev/urandom and /dev/stdin named: errors at once, exit 2', () => {
    const r = runCli(['check', '/dev/zero', '/dev/urandom', '/dev/stdin', 'repo'], { cwd: dir, timeoutMs: LIMIT });
    assertExit(r, 2, 'devices');
    for (const dev of ['/dev/zero', '/dev/urandom', '/dev/stdin']) assert.match(r.err, new RegExp(`^docker-config-guard: ${dev}: not a regular file`, 'm'));
    assertOkReported(r, 'text');
  });
  test('a repository plants x/.docker/config.json -> /dev/zero: skipped (not followed), the rest reported', (t) => {
    t.after(() => fs.rmSync(path.join(dir, 'repo/x'), { recursive: true, force: true }));
    link('/dev/zero', path.join(dir, 'repo/x/.docker/config.json'));
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['check', '--format', format, 'repo'], { cwd: dir, timeoutMs: LIMIT });
      assertExit(r, 1, `/dev/zero link, ${format}`);
      assert.match(r.err, /^docker-config-guard: repo\/x\/\.docker\/config\.json: skipped: a symbolic link to a file outside repo is not followed/m);
      assertOkReported(r, format);
    }
  });
  test('/dev/urandom as resolve --config, as $DOCKER_CONFIG/config.json, as move-secrets --config, as $REGISTRY_AUTH_FILE', () => {
    link('/dev/urandom', path.join(dir, 'dockercfg/config.json'));
    const runs: Array<[string, Run]> = [
      ['resolve --config', runCli(['resolve', '--config', '/dev/urandom', 'alpine'], { cwd: dir, timeoutMs: LIMIT })],
      ['resolve $DOCKER_CONFIG', runCli(['resolve', 'alpine'], { cwd: dir, env: { DOCKER_CONFIG: path.join(dir, 'dockercfg') }, timeoutMs: LIMIT })],
      ['check $DOCKER_CONFIG', runCli(['check'], { cwd: dir, env: { DOCKER_CONFIG: path.join(dir, 'dockercfg') }, timeoutMs: LIMIT })],
      ['check $REGISTRY_AUTH_FILE', runCli(['check', '/dev/urandom'], { cwd: dir, env: { REGISTRY_AUTH_FILE: '/dev/urandom' }, timeoutMs: LIMIT })],
      ['move-secrets --config', runCli(['move-secrets', '--config', '/dev/urandom', '--yes'], { cwd: dir, timeoutMs: LIMIT })],
    ];
    for (const [what, r] of runs) {
      assertExit(r, 2, what);
      assert.match(r.err, /: not a regular file \(a pipe, device or socket\): not read$/m, what);
    }
  });
});

describe('symbolic links in a searched tree', () => {
  test("a link to the runner's ~/.docker/config.json is not followed: skipped, nothing of it printed, exit status unchanged", (t) => {
    t.after(() => fs.rmSync(path.join(dir, 'repo/steal'), { recursive: true, force: true }));
    link(path.join(home, '.docker/config.json'), path.join(dir, 'repo/steal/.docker/config.json'));
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['check', '--format', format, 'repo'], { cwd: dir, timeoutMs: LIMIT });
      assertExit(r, 1, `link out, ${format}`); // 1: the empty-auth finding of ok/, not 2
      for (const s of [SECRET, RUNNER_REGISTRY, home]) assert.ok(!(r.out + r.err).includes(s), `${format} shows ${s}`);
      assert.match(r.err, /repo\/steal\/\.docker\/config\.json: skipped: a symbolic link to a file outside repo is not followed \(name the file to check it\)/);
      if (format === 'json') assert.deepEqual(JSON.parse(r.out).files[0], { path: 'repo/steal/.docker/config.json', skipped: 'skipped: a symbolic link to a file outside repo is not followed (name the file to check it)' });
      if (format === 'sarif') {
        const inv = JSON.parse(r.out).runs[0].invocations[0];
        assert.equal(inv.executionSuccessful, true);
        assert.equal(inv.toolExecutionNotifications[0].level, 'warning');
      }
      assertOkReported(r, format);
    }
    // a glob searches from its fixed part: the same link is skipped
    const g = runCli(['check', 'repo/**/config.json'], { cwd: dir, timeoutMs: LIMIT });
    assertExit(g, 1, 'glob');
    assert.ok(!(g.out + g.err).includes(RUNNER_REGISTRY));
    assert.match(g.err, /steal\/\.docker\/config\.json: skipped/);
    // named explicitly, the link is followed: the user asked for that file
    const named = runCli(['check', 'repo/steal/.docker/config.json'], { cwd: dir, timeoutMs: LIMIT });
    assertExit(named, 1, 'named link');
    assert.match(named.out, /^repo\/steal\/\.docker\/config\.json:1:\d+: warning plaintext-credential: .*runner-only\.example/m);
    assert.ok(!(named.out + named.err).includes(SECRET));
  });
  test('a link to a file inside the searched tree is followed and reported under the link name', (t) => {
    t.after(() => fs.rmSync(path.join(dir, 'repo/alias'), { recursive: true, force: true }));
    link('../../ok/.docker/config.json', path.join(dir, 'repo/alias/.docker/config.json'));
    const r = runCli(['check', 'repo'], { cwd: dir, timeoutMs: LIMIT });
    assertExit(r, 1, 'link inside');
    assert.match(r.out, /^repo\/alias\/\.docker\/config\.json:1:11: error empty-auth: "checked\.example"/m);
    assert.equal(r.err, '');
  });
});

describe('one file never ends the run', () => {
  test('a file over the size limit (sparse): that file is an error, the rest reported', (t) => {
    t.after(() => fs.rmSync(path.join(dir, 'repo/big'), { recursive: true, force: true }));
    const big = path.join(dir, 'repo/big/.docker/config.json');
    write(big, '');
    fs.truncateSync(big, MAX_BYTES + 1);
    const r = runCli(['check', '--format', 'json', 'repo'], { cwd: dir, timeoutMs: LIMIT });
    assertExit(r, 2, 'too large');
    assert.match(r.err, /big\/\.docker\/config\.json: too large \(64 MiB; the limit is 64 MiB\)/);
    assertOkReported(r, 'json');
  });
  test('an exception while checking one file is that file\'s error; a SyntaxError\'s text (it may quote a secret) is not shown', async () => {
    const marker = Buffer.from('boom:one').toString('base64');
    const marker2 = Buffer.from('boom:two').toString('base64');
    write(path.join(dir, 'repo/crash/.docker/config.json'), JSON.stringify({ auths: { 'crash.example': { auth: marker } } }));
    write(path.join(dir, 'repo/crash2/.docker/config.json'), JSON.stringify({ auths: { 'crash.example': { auth: marker2 } } }));
    const from = Buffer.from;
    // the analysis decodes `auth` with Buffer.from(value, 'base64'): make that throw for these two files only
    Buffer.from = function (this: unknown, ...args: unknown[]) {
      if (args[0] === marker) throw new RangeError('simulated failure');
      if (args[0] === marker2) throw new SyntaxError(`Unexpected token in JSON "${SECRET}"`);
      return (from as (...a: unknown[]) => Buffer).apply(this, args);
    } as typeof Buffer.from;
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      for (const format of ['text', 'json', 'sarif']) {
        let out = '';
        let err = '';
        const code = await main(['check', '--format', format, 'repo'], { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { HOME: home, PATH: '' } });
        assert.equal(code, 2, format);
        assert.match(err, /^docker-config-guard: repo\/crash\/\.docker\/config\.json: not checked: internal error \(RangeError: simulated failure\)$/m);
        assert.match(err, /^docker-config-guard: repo\/crash2\/\.docker\/config\.json: not checked: internal error \(SyntaxError\)$/m);
        assert.ok(!(out + err).includes(SECRET));
        assertOkReported({ code, signal: null, out, err, ms: 0 }, format);
      }
    } finally {
      Buffer.from = from;
      process.chdir(cwd);
      fs.rmSync(path.join(dir, 'repo/crash'), { recursive: true });
      fs.rmSync(path.join(dir, 'repo/crash2'), { recursive: true });
    }
  });
});
