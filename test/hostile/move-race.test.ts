// The bundled command line (dist/cli.js) saving the file after a move, attacked from outside: another writer
// (a `docker login`) saving while move-secrets sleeps in fsync (strace delays it, so the window is wide
// and the race deterministic), a kill at any moment, a hard link to the old file, a file that is not UTF-8,
// and what must be kept (mode, owner, symlink). The helper keeps its entries in files (test/support/file-helper).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileHelper, FileHelper } from '../support/file-helper';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const PW = 'Race-pw-\u00e9t\u00e9-7f3a';
const AUTH = Buffer.from(`alice:${PW}`).toString('base64');
const OTHER_AUTH = Buffer.from('bob:written-by-docker-login').toString('base64');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return newest;
}

function which(cmd: string): string {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)) {
    const file = path.join(dir, cmd);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${cmd} is not on PATH: node scripts/system-packages.mjs hostile installs it`);
}

let helper: FileHelper;
let dir: string;
let strace: string;
before(() => {
  // The test runs what ships: the bundle. Never a stale one.
  if (!fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < newestSource(path.join(ROOT, 'src'))) throw new Error('dist/cli.js is missing or older than src/: run npm run build first');
  strace = which('strace');
  helper = fileHelper('file');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-move-race-'));
});
after(() => {
  helper?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: helper.dir, HOME: dir, LANG: 'C' });
const config = (name: string, text = JSON.stringify({ credsStore: 'file', auths: { [`${name}.example`]: { auth: AUTH } } }, null, 2), mode = 0o600) => {
  const sub = fs.mkdtempSync(path.join(dir, `${name}-`));
  const file = path.join(sub, 'config.json');
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  return { file, sub, text };
};
const temps = (sub: string) => fs.readdirSync(sub).filter((f) => f.endsWith('.tmp'));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** move-secrets under strace, fsync delayed 3 s; `during` runs once the temp file exists (the CLI is about to fsync). */
function underStrace(file: string, sub: string, during: (pid: number) => void): Promise<Run> {
  const child = spawn(strace, ['-f', '--seccomp-bpf', '-e', 'trace=fsync', '-e', 'inject=fsync:delay_exit=3000000', '-o', '/dev/null', process.execPath, CLI, 'move-secrets', '--config', file, '--yes'], { env: env(), detached: true });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const poll = setInterval(() => {
    if (temps(sub).length === 0) return;
    clearInterval(poll);
    during(child.pid!);
  }, 5);
  return new Promise((resolve) => child.on('close', (code) => (clearInterval(poll), resolve({ code, out, err }))));
}

describe('another writer saves while move-secrets is writing', () => {
  for (const [how, write] of [
    ['like docker login: a temp file renamed over it', (file: string, text: string) => (fs.writeFileSync(`${file}.login`, text, { mode: 0o600 }), fs.renameSync(`${file}.login`, file))],
    ['in place', (file: string, text: string) => fs.writeFileSync(file, text)],
  ] as const) {
    test(`${how}: its entry survives, move-secrets says the file changed and exits 1`, async () => {
      const { file, sub } = config(`race-${how.length}`);
      const theirs = JSON.stringify({ credsStore: 'file', auths: { 'race.example': {}, 'other.example': { auth: OTHER_AUTH } } }, null, '\t');
      const r = await underStrace(file, sub, () => write(file, theirs));
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.err, /was not changed: the file changed on disk/);
      assert.match(r.out, /not moved {2}race-\d+\.example: the file could not be written/);
      assert.equal(fs.readFileSync(file, 'utf8'), theirs, 'the other writer\'s file is kept');
      assert.deepEqual(temps(sub), [], 'no temp file left');
      assert.ok(!(r.out + r.err).includes(PW) && !(r.out + r.err).includes(AUTH));
    });
  }
});

describe('a move-secrets killed at any moment', () => {
  test('killed while it waits for fsync: the file is whole, unchanged, and still holds the secret', async () => {
    const { file, sub, text } = config('killed');
    const r = await underStrace(file, sub, (pid) => process.kill(-pid, 'SIGKILL'));
    assert.equal(r.code, null);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    // The temp file it leaves is a copy of the file (other plaintext secrets too), as private as the file;
    // the next save removes it once it is old enough to belong to no running save.
    const [left] = temps(sub);
    assert.equal(fs.statSync(path.join(sub, left)).mode & 0o777, 0o600);
    const old = new Date(Date.now() - 11 * 60 * 1000);
    fs.utimesSync(path.join(sub, left), old, old);
    fs.writeFileSync(path.join(sub, '.config.json.fresh0000000.tmp'), 'not ours: the name does not match');
    const again = spawnSync(process.execPath, [CLI, 'move-secrets', '--config', file, '--yes'], { env: env(), encoding: 'utf8' });
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.deepEqual(temps(sub), ['.config.json.fresh0000000.tmp']);
  });

  test('killed at any moment of a run: the file is the old one or the new one, whole, and each secret is in the file or in the helper', async () => {
    // The kills are spread over the time a whole run takes on this machine (measured first), so they land at
    // different steps however loaded the machine is; the last one comes after the run has ended.
    const probe = config('kill-probe', JSON.stringify({ credsStore: 'file', auths: { 'probe.example': { auth: AUTH } } }));
    const started = performance.now();
    const whole = spawnSync(process.execPath, [CLI, 'move-secrets', '--config', probe.file, '--yes'], { env: env(), encoding: 'utf8' });
    assert.equal(whole.status, 0, whole.stdout + whole.stderr);
    const runMs = performance.now() - started;
    const ends = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const key = `k${i}.example`;
      const { file, text } = config(`kill${i}`, JSON.stringify({ credsStore: 'file', auths: { [key]: { auth: AUTH } } }));
      const child = spawn(process.execPath, [CLI, 'move-secrets', '--config', file, '--yes'], { env: env(), stdio: 'ignore' });
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, (i * runMs * 1.5) / 9));
      child.kill('SIGKILL');
      await closed;
      const now = fs.readFileSync(file, 'utf8');
      const held = helper.held(key);
      assert.ok(now === text || now === JSON.stringify({ credsStore: 'file', auths: {} }), `a torn file after a kill at step ${i} of 10: ${now}`);
      if (now !== text) assert.deepEqual(held, { username: 'alice', secret: PW });
      ends.add(now === text ? (held ? 'file+helper' : 'file') : 'helper');
    }
    assert.ok(ends.size >= 2, `the kills should land at different steps: ${[...ends]}`);
  });
});

describe('what the write keeps, and what it cannot', () => {
  test('a hard link to the old file keeps the plaintext: said on stderr, exit 1', () => {
    const { file, sub } = config('linked');
    const link = path.join(sub, 'dotfiles-copy.json');
    fs.linkSync(file, link);
    const inode = fs.statSync(file).ino;
    const r = spawnSync(process.execPath, [CLI, 'move-secrets', '--config', file, '--yes'], { env: env(), encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`had 1 other hard link\\(s\\) \\(inode ${inode}\\); they still hold the old text with the plaintext secrets`));
    assert.match(r.stdout, /1 moved, 0 not moved/);
    assert.ok(fs.readFileSync(link, 'utf8').includes(AUTH), 'the link is the old file');
    assert.ok(!fs.readFileSync(file, 'utf8').includes(AUTH));
  });

  test('mode, owner and the symlink are kept', () => {
    const { file, sub } = config('kept', undefined, 0o640);
    const link = path.join(sub, 'via-link.json');
    fs.symlinkSync(file, link);
    const before = fs.statSync(file);
    const r = spawnSync(process.execPath, [CLI, 'move-secrets', '--config', link, '--yes'], { env: env(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    const now = fs.statSync(file);
    assert.deepEqual([now.mode & 0o7777, now.uid, now.gid], [0o640, before.uid, before.gid]);
    assert.notEqual(now.ino, before.ino, 'replaced by rename, never rewritten in place');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).auths, {});
  });

  test('a file that is not UTF-8 elsewhere (a Latin-1 psFormat): not rewritten with U+FFFD, exit 1', () => {
    const bytes = Buffer.concat([Buffer.from(`{"psFormat":"caf`), Buffer.from([0xe9]), Buffer.from(`","credsStore":"file","auths":{"latin.example":{"auth":"${AUTH}"}}}`)]);
    const { file } = config('latin');
    fs.writeFileSync(file, bytes);
    const r = spawnSync(process.execPath, [CLI, 'move-secrets', '--config', file, '--yes'], { env: env(), encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /not valid UTF-8/);
    assert.ok(fs.readFileSync(file).equals(bytes), 'byte for byte');
  });
});
