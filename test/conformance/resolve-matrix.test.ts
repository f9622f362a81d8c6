// The resolver (src/core/resolve.ts) against what the REAL docker CLI sends, over a matrix of
// configs and images. Fake helpers answer `from-<name>`, so the username docker sent tells
// which helper it used; their log tells which key it asked for.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { detectDefaultStore } from '../../src/core/helpers/discovery';
import { resolveImage, resolveImageWithHelper, Resolution } from '../../src/core/resolve';
import { helperClient } from '../../src/core/helpers/client';
import { dockerBinary, dockerSends, DockerSent } from './daemon';
import { writeFakeHelper } from './fake-helpers';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const A = (user: string): { auth: string } => ({ auth: b64(`${user}:pw`) });
const j = (v: unknown): string => JSON.stringify(v);

interface Config {
  name: string;
  text: string;
  /** Put a default store (`pass` + docker-credential-pass) on docker's PATH. */
  defaultPass?: boolean;
}

const CONFIGS: Config[] = [
  { name: 'hub key', text: j({ auths: { 'https://index.docker.io/v1/': A('hub') } }) },
  { name: 'hub misspelled', text: j({ auths: { 'docker.io': A('d'), 'index.docker.io': A('i'), 'https://index.docker.io/v1': A('n') } }) },
  { name: 'plain hosts', text: j({ auths: { 'r.example': A('r'), 'https://r.example:5000/v1/': A('r5000'), 'localhost:5000': A('local') } }) },
  { name: 'placeholder hides url key', text: j({ auths: { 'r.example:5000': {}, 'https://r.example:5000/v1/': A('hidden') } }) },
  { name: 'path and scheme keys', text: j({ auths: { 'r.example/team': A('team'), 'http://localhost:5000': A('local') } }) },
  { name: 'uppercase key', text: j({ auths: { 'R.example': A('upper'), 'r.example': A('lower') } }) },
  { name: 'docker login with a store', text: j({ auths: { 'r.example': {}, 'https://index.docker.io/v1/': {} }, credsStore: 'good' }) },
  { name: 'credHelpers over credsStore', text: j({ credsStore: 'other', credHelpers: { 'r.example': 'good', 'localhost:5000': 'nf' }, auths: { 'r.example': A('r') } }) },
  { name: 'credHelpers empty value', text: j({ credsStore: 'good', credHelpers: { 'r.example': '' }, auths: { 'r.example': A('r') } }) },
  { name: 'credHelpers null value', text: '{"credsStore":"good","credHelpers":{"r.example":null},"auths":{"r.example":' + j(A('r')) + '}}' },
  { name: 'credHelpers hub key', text: j({ credHelpers: { 'https://index.docker.io/v1/': 'good', 'docker.io': 'other', 'r.example:5000': 'other' } }) },
  { name: 'store says not found', text: j({ credsStore: 'nf', auths: { 'r.example': A('r'), 'https://index.docker.io/v1/': A('hub') } }) },
  { name: 'full binary name', text: j({ credsStore: 'docker-credential-good', auths: { 'r.example': A('r') } }) },
  { name: 'case-insensitive keys', text: `{"AUTHS":{"r.example":{"Auth":"${b64('ci:pw')}"}},"CredHelpers":{"localhost:5000":"good"}}` },
  { name: 'repeated host key', text: `{"auths":{"r.example":${j(A('first'))},"r.example":${j(A('last'))}}}` },
  { name: 'repeated auths objects', text: `{"auths":{"r.example":${j(A('one'))}},"auths":{"localhost:5000":${j(A('two'))}}}` },
  { name: 'null entry', text: '{"auths":{"r.example":null,"https://r.example/v1/":' + j(A('url')) + '}}' },
  { name: 'username and password fields', text: j({ auths: { 'r.example': { username: 'fields', password: 'pw' }, 'localhost:5000': { auth: b64('a:pw'), username: 'ignored', password: 'x' } } }) },
  { name: 'identity token only', text: j({ auths: { 'r.example': { identitytoken: 'tok' } } }) },
  { name: 'bad auth only', text: j({ auths: { 'r.example': { auth: 'dTpwMQ' } } }) },
  { name: 'trailing text', text: j({ auths: { 'r.example': A('r') } }) + ' and then some {' },
  { name: 'syntax error', text: `{"auths":{"r.example":${j(A('r'))}},}` },
  { name: 'wrong type credsStore', text: `{"credsStore":1,"auths":{"r.example":${j(A('r'))}}}` },
  { name: 'empty file', text: '' },
  { name: 'empty object', text: '{}' },
  { name: 'empty file, default store on PATH', text: '', defaultPass: true },
  { name: 'syntax error, default store on PATH', text: `{"auths":{"r.example":${j(A('r'))}},}`, defaultPass: true },
  { name: 'empty auths, default store on PATH', text: '{"auths":{}}', defaultPass: true },
  { name: 'one placeholder, default store on PATH', text: j({ auths: { 'localhost:5000': {} } }), defaultPass: true },
  { name: 'near-duplicate keys', text: j({ auths: { 'https://r.example:5000/v1/': A('v1'), 'r.example:5000/v2/': A('v2') } }) },
];

const IMAGES = [
  'alpine',
  'docker.io/library/alpine:3.20',
  'myhost/app',
  'registry-1.docker.io/library/alpine',
  'r.example/team/app',
  `r.example:5000/app@sha256:${'a'.repeat(64)}`,
  'R.example/app',
  'localhost:5000/app',
];

let tmp: string;
let bin: string;
let passBin: string;
before(() => {
  dockerBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-matrix-'));
  bin = path.join(tmp, 'bin');
  passBin = path.join(tmp, 'passbin');
  fs.mkdirSync(bin);
  fs.mkdirSync(passBin);
  for (const name of ['good', 'other', 'docker-credential-good']) writeFakeHelper(bin, name, { otherwise: { username: `from-${name}`, secret: 's' } });
  writeFakeHelper(bin, 'nf', { otherwise: 'not-found' });
  writeFakeHelper(passBin, 'pass', { otherwise: { username: 'from-pass', secret: 's' } });
  fs.writeFileSync(path.join(passBin, 'pass'), '#!/bin/sh\n', { mode: 0o755 });
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const defaultStore = (pathDirs: string[]): string | undefined => detectDefaultStore({ PATH: pathDirs.join(path.delimiter) });

interface Observed { calls: string[]; sent: DockerSent }

/** What docker should have done if `res` is right; returns the differences (empty = agree). */
function compare(res: Resolution, { calls, sent }: Observed): string[] {
  const diffs: string[] = [];
  const auth = sent.auth ?? {};
  const sentUser = typeof auth.username === 'string' ? auth.username : null;
  const helperCalls = calls.map((c) => c.split(' ').slice(0, 3).join(' '));
  if (res.source === 'credHelpers' || res.source === 'credsStore') {
    const want = `${res.helper} get ${res.key}`;
    if (helperCalls.length !== 1 || helperCalls[0] !== want) diffs.push(`helper calls ${j(helperCalls)}, resolve expects [${want}]`);
    const wantUser = res.helper === 'nf' ? null : `from-${res.helper}`;
    if (sentUser !== wantUser) diffs.push(`docker sent username ${j(sentUser)}, resolve implies ${j(wantUser)}`);
    return diffs;
  }
  if (helperCalls.length) diffs.push(`docker asked helpers ${j(helperCalls)}, resolve says source ${res.source}`);
  if (res.source === 'auths' && typeof auth.auth === 'string') {
    // docker could not decode the entry and sent the raw `auth` on: resolve cannot name a user.
    if (res.username !== null) diffs.push(`docker sent the raw auth undecoded, resolve says username ${j(res.username)}`);
  } else if (res.source === 'auths') {
    const addr = auth.serveraddress ?? null;
    if (res.candidates) {
      if (!res.candidates.includes(String(addr))) diffs.push(`docker used ${j(addr)}, not one of ${j(res.candidates)}`);
    } else if (addr !== res.entry) diffs.push(`docker used entry ${j(addr)}, resolve says ${j(res.entry)}`);
    if (!res.candidates && sentUser !== res.username) diffs.push(`docker sent username ${j(sentUser)}, resolve says ${j(res.username)}`);
  } else {
    const sentCreds = ['username', 'password', 'identitytoken', 'auth', 'registrytoken'].filter((k) => auth[k]);
    if (sentCreds.length) diffs.push(`docker sent ${j(sentCreds)} (username ${j(sentUser)}), resolve says none`);
    if (res.entry !== null && (auth.serveraddress ?? null) !== res.entry) diffs.push(`docker used entry ${j(auth.serveraddress ?? null)}, resolve says ${j(res.entry)}`);
  }
  return diffs;
}

async function pool<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** What docker did per `config | image`, filled by the first test. */
const observed = new Map<string, Observed>();

test('resolve agrees with what docker sends', async (t) => {
  const cases = CONFIGS.flatMap((config) => IMAGES.map((image) => ({ config, image })));
  let n = 0;
  await pool(cases, 3, async ({ config, image }) => {
    const log = path.join(tmp, `calls-${n++}.log`);
    const pathDirs = config.defaultPass ? [bin, passBin] : [bin];
    const sent = await dockerSends(config.text, image, { pathDirs, env: { DCG_HELPER_LOG: log } });
    assert.equal(sent.exitCode, 0, `${config.name} | ${image}: ${sent.stderr}`);
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    observed.set(`${config.name} | ${image}`, { calls, sent });
  });
  for (const { config, image } of cases) {
    const id = `${config.name} | ${image}`;
    const pathDirs = config.defaultPass ? [bin, passBin] : [bin];
    const res = resolveImage(config.text, image, { defaultStore: () => defaultStore(pathDirs) });
    const diffs = compare(res, observed.get(id)!);
    await t.test(id, () => {
      assert.deepEqual(diffs, [], `${id}\n  resolve: ${j(res)}\n  docker:  ${j(observed.get(id)!.sent.auth)} calls ${j(observed.get(id)!.calls)}`);
    });
  }
});

test('resolve --run-helpers names the username docker sends', async (t) => {
  for (const config of CONFIGS) {
    for (const image of IMAGES) {
      const id = `${config.name} | ${image}`;
      const pathDirs = config.defaultPass ? [bin, passBin] : [bin];
      const client = helperClient({ path: pathDirs.join(path.delimiter) });
      const res = await resolveImageWithHelper(config.text, image, client, { defaultStore: () => defaultStore(pathDirs) });
      const sent = observed.get(id)?.sent.auth ?? {};
      await t.test(id, () => {
        if (res.source === 'credHelpers' || res.source === 'credsStore') {
          if (res.helperAnswer === undefined) return assert.match(res.helperError ?? '', /refusing to run/); // invalid names are never run
          assert.ok(res.helperAnswer === 'found' || res.helperAnswer === 'not-found', j(res));
        }
        if (typeof sent.auth === 'string') return assert.equal(res.username, null, 'docker sent the auth value undecoded');
        if (res.candidates && res.source === 'auths') return; // docker picks one of them at random (checked above)
        assert.equal(res.username, typeof sent.username === 'string' && sent.username ? sent.username : null, `${id}: ${j(res)} vs ${j(sent)}`);
      });
    }
  }
});
