// The real containers/image clients (skopeo 1.9, podman 4.3, buildah 1.28) against a real registry:
// which credentials each sends for each auth file × image (the registry's log names the htpasswd user),
// recorded in test/clients/observed.json, and held against `resolve --client` (dist/cli.js).
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { writeFakeHelper } from '../conformance/fake-helpers';
import { CASES, Case, HELPER, Place, STORE, Seen } from './cases';
import { passwordOf, Registry, startRegistry, SYSTEM_PATH, usersIn } from './registry';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'];
type Client = 'skopeo' | 'podman' | 'buildah';
type Way = 'skopeo inspect' | 'podman login --get-login' | 'podman pull' | 'buildah pull';
const CLIENT_OF: Record<Way, Client> = {
  'skopeo inspect': 'skopeo', 'podman login --get-login': 'podman', 'podman pull': 'podman', 'buildah pull': 'buildah',
};

interface Observation {
  case: string;
  way: Way;
  /** HOST stands for 127.0.0.1:PORT */
  image: string;
  expected: Seen;
  seen: Seen;
  detail?: string;
  /** where a file was given with --authfile (and resolve --config) */
  authfile: boolean;
  env: Record<string, string>;
}

let tmp: string;
let reg: Registry;
let bin: string;
const observations: Observation[] = [];
const setups = new Map<string, Setup>();
const LOGIN_IMAGE = 'login-probe/p:1';

before(async () => {
  for (const b of ['skopeo', 'podman', 'buildah', 'docker-registry', 'htpasswd', 'openssl']) {
    assert.equal(spawnSync('sh', ['-c', `command -v ${b}`], { env: { PATH: SYSTEM_PATH } }).status, 0,
      `${b} is missing: run node scripts/system-packages.mjs clients (as root)`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-clients-'));
  bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  writeFakeHelper(bin, HELPER.name, { otherwise: { username: HELPER.user, secret: passwordOf(HELPER.user) } });
  writeFakeHelper(bin, STORE.name, { otherwise: { username: STORE.user, secret: passwordOf(STORE.user) } });
  reg = await startRegistry(path.join(tmp, 'registry'), USERS);
});

after(async () => {
  if (reg) {
    await reg.stop();
    assert.throws(() => process.kill(reg.pid, 0), /ESRCH/, 'the registry must be gone after the suite');
  }
  if (tmp) {
    // podman's vfs layers may hold read-only dirs: make them writable before removing
    spawnSync('chmod', ['-R', 'u+w', tmp], { env: { PATH: SYSTEM_PATH } });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

const PLACES: Record<Exclude<Place, 'authfile' | 'REGISTRY_AUTH_FILE'>, string> = {
  xdg: 'run/containers/auth.json',
  config: 'home/.config/containers/auth.json',
  docker: 'home/.docker/config.json',
  dockercfg: 'home/.dockercfg',
};

interface Setup { env: Record<string, string>; authfile?: string; dir: string }

function setUp(c: Case, index: number): Setup {
  const dir = path.join(tmp, `case${index}`);
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true, mode: 0o700 });
  const env: Record<string, string> = { PATH: `${bin}:${SYSTEM_PATH}`, HOME: path.join(dir, 'home'), XDG_RUNTIME_DIR: path.join(dir, 'run') };
  let authfile: string | undefined;
  for (const [place, content] of Object.entries(c.files(reg.host))) {
    const rel = place === 'authfile' ? 'auth.json' : place === 'REGISTRY_AUTH_FILE' ? 'other/registry-auth.json' : PLACES[place as keyof typeof PLACES];
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    if (place === 'authfile') authfile = file;
    if (place === 'REGISTRY_AUTH_FILE') env.REGISTRY_AUTH_FILE = file;
  }
  return { env, authfile, dir };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run one client once; what the registry saw. */
async function observe(way: Way, s: Setup, image: string): Promise<{ seen: Seen; detail?: string }> {
  const af = s.authfile ? ['--authfile', s.authfile] : [];
  const storage = ['--storage-driver', 'vfs', '--root', path.join(tmp, 'storage'), '--runroot', path.join(tmp, 'runroot')];
  const ref = `${reg.host}/${image}`;
  const argv: Record<Way, [string, string[]]> = {
    'skopeo inspect': ['skopeo', ['inspect', ...af, '--cert-dir', reg.certDir, `docker://${ref}`]],
    'podman login --get-login': ['podman', ['login', '--get-login', ...af, reg.host]],
    'podman pull': ['podman', [...storage, 'pull', '-q', ...af, '--cert-dir', reg.certDir, ref]],
    'buildah pull': ['buildah', [...storage, 'pull', '-q', ...af, '--cert-dir', reg.certDir, ref]],
  };
  const [cmd, args] = argv[way];
  const mark = reg.mark();
  const r = spawnSync(cmd, args, { env: s.env, encoding: 'utf8', timeout: 60_000, cwd: s.dir });
  const stderr = (r.stderr ?? '').trim();
  if (way === 'podman login --get-login') {
    if (r.status === 0) return { seen: r.stdout.trim() || 'anonymous' };
    if (/not logged in/i.test(stderr)) return { seen: 'anonymous' };
    return { seen: 'error', detail: lastLine(stderr, s.dir) };
  }
  const reached = /manifest unknown|unauthorized|authentication required/i.test(stderr);
  let log = reg.logSince(mark);
  const uri = `/v2/${image.split(':')[0]}/manifests/`;
  for (let i = 0; reached && !log.includes(uri) && i < 40; i++) {
    await sleep(25);
    log = reg.logSince(mark);
  }
  const users = usersIn(log);
  if (users.length) return { seen: users.join('+') };
  if (reached) return { seen: 'anonymous' };
  return { seen: 'error', detail: lastLine(stderr, s.dir) };
}

/** The client's last error line, with the port and the temporary directory made stable for observed.json. */
function lastLine(s: string, dir: string): string {
  const line = s.split('\n').filter(Boolean).pop() ?? '';
  return line.split(dir).join('CASE').replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/time="[^"]*" /, '').slice(0, 300);
}

CASES.forEach((c, index) => {
  test(`clients: ${c.name}`, async () => {
    const s = setUp(c, index);
    const firstImage = Object.keys(c.images)[0];
    const runs: Array<[Way, string, Seen]> = [];
    for (const [image, expected] of Object.entries(c.images)) runs.push(['skopeo inspect', image, expected]);
    // --get-login answers for the host alone: compared with an image in a namespace no key names
    runs.push(['podman login --get-login', LOGIN_IMAGE, c.login ?? c.images[firstImage]]);
    if (c.pull) {
      for (const [image, expected] of Object.entries(c.images)) {
        runs.push(['podman pull', image, expected], ['buildah pull', image, expected]);
      }
    }
    const wrong: string[] = [];
    for (const [way, image, expected] of runs) {
      const o = await observe(way, s, image);
      const env = Object.fromEntries(Object.entries(s.env).filter(([k]) => k === 'REGISTRY_AUTH_FILE').map(([k, v]) => [k, path.relative(s.dir, v)]));
      observations.push({ case: c.name, way, image: `HOST/${image}`, expected, seen: o.seen, detail: o.detail, authfile: !!s.authfile, env });
      if (o.seen !== expected) wrong.push(`${way} ${image}: expected ${expected}, saw ${o.seen}${o.detail ? ` (${o.detail})` : ''}`);
    }
    setups.set(c.name, s);
    assert.deepEqual(wrong, [], `${c.name} (${c.why})`);
  });
});


/** What `resolve --client` says the client sends, in the registry's terms. */
async function resolved(client: Client, s: Setup, image: string): Promise<{ seen: Seen; raw: string }> {
  const args = [CLI, 'resolve', `${reg.host}/${image}`, '--client', client, '--format', 'json'];
  if (s.authfile) args.push('--config', s.authfile);
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { env: s.env, encoding: 'utf8', cwd: s.dir }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });
  const raw = `${r.status} ${(r.stdout || r.stderr).trim().slice(0, 300)}`;
  if (r.status !== 0) return { seen: `exit ${r.status}`, raw };
  const j = JSON.parse(r.stdout) as { error?: unknown; source?: string; helper?: string; username?: string; usernames?: string[] };
  if (j.error) return { seen: 'error', raw };
  if (j.source === 'credHelpers' || j.source === 'credsStore') {
    const user = j.helper === HELPER.name ? HELPER.user : j.helper === STORE.name ? STORE.user : `helper ${j.helper}`;
    return { seen: user, raw };
  }
  const u = j.username ?? j.usernames?.[0];
  return { seen: u ? u : 'anonymous', raw };
}

test('resolve --client agrees with skopeo, podman and buildah on every observation', async () => {
  assert.ok(observations.length > 0, 'no observations: the client tests did not run');
  fs.writeFileSync(path.join(ROOT, 'test/clients/observed.json'), JSON.stringify(observations, null, 1) + '\n');
  // One probe first: without `resolve --client` (issue 11) this test fails with one clear line.
  const probe = spawnSync(process.execPath, [CLI, 'resolve', 'x/y:1', '--client', 'podman', '--format', 'json'],
    { env: { PATH: SYSTEM_PATH, HOME: tmp, XDG_RUNTIME_DIR: tmp }, encoding: 'utf8' });
  assert.equal(probe.status, 0, `resolve --client is not supported by dist/cli.js: ${probe.stderr.trim()}`);
  const figures: Record<string, { cases: number; agreeing: number }> = {};
  const disagree: string[] = [];
  const answers: Array<{ seen: Seen; raw: string }> = [];
  for (let i = 0; i < observations.length; i += 4) {
    const batch = observations.slice(i, i + 4);
    answers.push(...await Promise.all(batch.map((o) => resolved(CLIENT_OF[o.way], setups.get(o.case) as Setup, o.image.slice('HOST/'.length)))));
  }
  for (const [i, o] of observations.entries()) {
    const client = CLIENT_OF[o.way];
    const r = answers[i];
    const f = (figures[client] ??= { cases: 0, agreeing: 0 });
    f.cases++;
    if (r.seen === o.seen) f.agreeing++;
    else disagree.push(`${o.case} / ${o.way} ${o.image}: ${client} sent ${o.seen}, resolve says ${r.seen} (${r.raw})`);
  }
  console.log(`matrix: ${CASES.length} configs, ${observations.length} runs; agreement ${JSON.stringify(figures)}`);
  assert.deepEqual(disagree, []);
});
