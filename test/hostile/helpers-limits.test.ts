// Hostile credential helpers against the limits: one that fails with 100 KB of whitespace (the error
// is classified in linear time, within the helper's own limit), ones that hang (one limit for all the
// calls of a run: live checks over many registries, a move of many entries; the call running at the
// limit is killed, the rest are not started), megabytes of output (stopped at 1 MiB), and crashes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze, messageOf } from '../../src/core';
import { DEFAULT_TOTAL_TIMEOUT_MS, helperClient, HelperRun } from '../../src/core/helpers/client';
import { askHelpers, liveChecks, liveFindings } from '../../src/core/live';
import { moveSecrets } from '../../src/core/move';
import { fakeHelperDir } from '../support/fake-helper';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const fakes = fakeHelperDir();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-hostile-limits-'));
const PATH = [fakes.dir, '/usr/bin', '/bin'].join(path.delimiter);
after(() => {
  fakes.cleanup();
  fs.rmSync(home, { recursive: true, force: true });
});
before(() => assert.ok(fs.existsSync(cli), `${cli} is missing: run "npm run build" first`));

/** Running (not gone, not a zombie). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

function resolveJson(store: string): { json: Record<string, unknown>; ms: number } {
  const file = path.join(home, `${store}.json`);
  fs.writeFileSync(file, JSON.stringify({ credsStore: store, auths: { 'r.example': { auth: Buffer.from('alice:pw-Secret-1').toString('base64') } } }));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, 'resolve', 'r.example/app', '--config', file, '--run-helpers', '--format', 'json'], {
    encoding: 'utf8',
    env: { PATH, HOME: home, LANG: 'C' },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return { json: JSON.parse(r.stdout) as Record<string, unknown>, ms: Date.now() - t0 };
}

describe('output that took quadratic time', () => {
  for (const [name, body] of [
    // Whitespace between two words: trimming leaves it, a backtracking pattern scans it from every position.
    ['spaces', `printf a; /usr/bin/head -c 102400 /dev/zero | /usr/bin/tr '\\0' ' '; echo b; exit 1`],
    ['spaces-stderr', `printf a >&2; /usr/bin/head -c 102400 /dev/zero | /usr/bin/tr '\\0' ' ' >&2; echo b >&2; exit 1`],
    ['tabs', `printf a; /usr/bin/head -c 1000000 /dev/zero | /usr/bin/tr '\\0' '\\t'; printf 'b\\r'; exit 1`],
  ] as const) {
    test(`a helper failing with ${name} (100 KB-1 MB of whitespace): classified at once`, () => {
      fakes.write(name, body);
      const { json, ms } = resolveJson(name);
      assert.equal(json.helperAnswer, 'failed');
      assert.equal(json.helperError, `docker-credential-${name} get exited with code 1 (its output is not shown: it may hold a secret)`);
      assert.ok(ms < 5000, `resolve took ${ms} ms`);
    });
  }
});

describe('megabytes of output, crashes', () => {
  test('endless output (100 MB and more) is stopped at 1 MiB and the helper killed', async () => {
    const pidFile = path.join(fakes.dir, 'yes.pid');
    fakes.write('endless', `echo $$ > '${pidFile}'; exec /usr/bin/yes 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'`);
    const { json, ms } = resolveJson('endless');
    assert.equal(json.helperError, 'docker-credential-endless get wrote more than 1048576 bytes of output');
    assert.ok(ms < 5000, `took ${ms} ms`);
    assert.ok(await gone(Number(fs.readFileSync(pidFile, 'utf8'))), 'the helper still runs');
  });

  test('100 MB on stderr while exiting 1: stopped too', () => {
    fakes.write('bigerr', `/usr/bin/head -c 100000000 /dev/zero >&2; exit 1`);
    const { json, ms } = resolveJson('bigerr');
    assert.equal(json.helperError, 'docker-credential-bigerr get wrote more than 1048576 bytes of output');
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  test('a crash by a signal of its own, midway: failed, said how', () => {
    fakes.write('segv', `printf '{"Username":"alice","Sec'; kill -SEGV $$`);
    assert.equal(resolveJson('segv').json.helperError, 'docker-credential-segv get was killed by SIGSEGV (its output is not shown: it may hold a secret)');
  });
});

describe('one time limit for all the calls of a run', () => {
  test('by default all the calls of a client together may take 30 s, counted from its first call', async () => {
    fakes.write('quick', `echo '{}'`);
    const client = helperClient({ path: PATH });
    assert.equal((await client.list('quick')).ok, true);
    const realNow = Date.now;
    Date.now = () => realNow() + DEFAULT_TOTAL_TIMEOUT_MS - 1000;
    try {
      assert.equal((await client.list('quick')).ok, true, 'still within the limit');
      Date.now = () => realNow() + DEFAULT_TOTAL_TIMEOUT_MS + 1;
      const late = await client.list('quick');
      assert.equal(!late.ok && late.error.kind, 'timeout');
      assert.equal(!late.ok && late.error.message, 'docker-credential-quick list was not started: the credential helpers together may take 30000 ms');
    } finally {
      Date.now = realNow;
    }
    assert.equal((await helperClient({ path: PATH }).list('quick')).ok, true, 'a new client, a new run');
  });

  test('live checks over many registries, each with its own hanging helper: bounded; the running one killed, the rest not started', async () => {
    const pids = path.join(fakes.dir, 'hang.pids');
    const helpers = Array.from({ length: 8 }, (_, i) => `hang${i}`);
    for (const h of helpers) fakes.write(h, `echo $$ >> '${pids}'; exec /bin/sleep 30`);
    const text = JSON.stringify({ auths: Object.fromEntries(helpers.map((h) => [`${h}.example`, {}])), credHelpers: Object.fromEntries(helpers.map((h) => [`${h}.example`, h])) });
    const runs: HelperRun[] = [];
    const client = helperClient({ path: PATH, timeoutMs: 1000, totalTimeoutMs: 2500, onRun: (r) => runs.push(r) });
    const t0 = Date.now();
    const answers = await askHelpers(liveChecks(analyze(text)), client);
    const ms = Date.now() - t0;
    assert.ok(ms >= 2400 && ms < 4000, `took ${ms} ms (8 helpers at 1 s each would take 8 s)`);
    const messages = [...answers.values()].map((a) => (a.state === 'failed' ? a.message : a.state));
    assert.equal(messages.length, 8);
    assert.deepEqual(messages.slice(0, 2), ['docker-credential-hang0 list did not finish within 1000 ms and was stopped', 'docker-credential-hang1 list did not finish within 1000 ms and was stopped']);
    assert.equal(messages[2], 'docker-credential-hang2 list was stopped: the credential helpers together may take 2500 ms');
    for (let i = 3; i < 8; i++) assert.equal(messages[i], `docker-credential-hang${i} list was not started: the credential helpers together may take 2500 ms`);
    assert.deepEqual(runs.map((r) => r.outcome), ['timeout', 'timeout', 'timeout', ...Array(5).fill('not started (time limit of all calls)')]);
    const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.equal(started.length, 3, 'only three helpers were started');
    for (const pid of started) assert.ok(await gone(pid), `helper ${pid} still runs`);
    // The findings: one helper-failed per setting, each saying why.
    const found = await liveFindings(analyze(text), helperClient({ path: PATH, timeoutMs: 300, totalTimeoutMs: 500 }));
    assert.equal(found.filter((f) => f.rule === 'helper-failed').length, 8);
  });

  test('a helper whose get hangs is asked once: later keys get the same answer without running it', async () => {
    const log = path.join(fakes.dir, 'gethang.log');
    fakes.write('gethang', `echo "$1" >> '${log}'; case "$1" in list) echo '{}' ;; *) exec /bin/sleep 30 ;; esac`);
    const text = JSON.stringify({ auths: { 'a.example': {}, 'b.example': {}, 'c.example': {} }, credsStore: 'gethang' });
    const t0 = Date.now();
    const found = await liveFindings(analyze(text), helperClient({ path: PATH, timeoutMs: 500 }));
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['list', 'get']);
    assert.equal(found.length, 1);
    assert.match(messageOf(found[0]), /docker-credential-gethang get did not finish within 500 ms/);
  });

  test('a move of many entries into a hanging helper: bounded; nothing moved, the file unchanged', async () => {
    fakes.write('hangstore', `case "$1" in get) echo 'credentials not found in native keychain'; exit 1 ;; *) exec /bin/sleep 30 ;; esac`);
    const auths = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}.example`, { auth: Buffer.from(`u${i}:pw-${i}`).toString('base64') }]));
    const text = JSON.stringify({ credsStore: 'hangstore', auths });
    const t0 = Date.now();
    const r = await moveSecrets(text, helperClient({ path: PATH, timeoutMs: 600, totalTimeoutMs: 1500 }));
    const ms = Date.now() - t0;
    assert.ok(ms < 3500, `took ${ms} ms (10 entries at 0.6 s per store would take 6 s and more)`);
    assert.equal(r.text, text);
    assert.deepEqual(r.moved, []);
    assert.equal(r.notMoved.length, 10);
    assert.ok(r.notMoved.slice(-5).every((n) => /was not started: the credential helpers together may take 1500 ms/.test(n.reason)), JSON.stringify(r.notMoved));
  });
});
