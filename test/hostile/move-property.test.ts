// The move's one promise, as a property: after moveSecrets, every secret value the file held is either still
// in the file unchanged or held by the helper byte for byte. Random configs (every combination of auth,
// username, password, identitytoken, registrytoken; non-ASCII, NUL, U+FFFD, lone surrogates, bytes that are
// not UTF-8) against an in-process helper that fails, lies and drops bytes at random; then a few cases
// against the real docker-credential-pass.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { Credentials, HelperClient, helperClient, HelperErrorKind, HelperResult, StoreAndVerifyResult } from '../../src/core/helpers/client';
import { moveSecrets, MoveResult, planMove } from '../../src/core/move';
import { createPassEnv, PassEnv } from '../support/pass-env';

const MARK = 'Zq7#';
type Entry = Partial<Record<'auth' | 'username' | 'password' | 'identitytoken' | 'registrytoken', string>>;
interface Case {
  auths: Record<string, Entry>;
  credHelper?: string;
  options: { helper?: string; alsoCredHelpers: boolean };
}

// ---- generators ----
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.constantFrom('\uFFFD', '\u0000', '\ud800', '\udc00', '\u00e9', '\u{1F511}', ':', '"', '\\', '\n', ' ', 'x'),
);
const secretText = fc.array(piece, { maxLength: 4 }).map((p) => MARK + p.join(''));
const username = fc.constantFrom('alice', 'j\u00fcrgen', 'a:b', 'x/y', '', '\ud800u', '<token>');
/** Raw bytes for inside "auth": the password's UTF-8, or with a Latin-1 byte, a stray continuation byte, NULs at an end. */
const passwordBytes = fc
  .tuple(secretText, fc.constantFrom('utf8', 'utf8', 'utf8', 'latin1', 'cont', 'nul-end', 'nul-start'))
  .map(([s, how]) => {
    const b = Buffer.from(s, 'utf8');
    if (how === 'latin1') return Buffer.concat([b, Buffer.from([0xe9])]);
    if (how === 'cont') return Buffer.concat([Buffer.from([0x80]), b]);
    if (how === 'nul-end') return Buffer.concat([b, Buffer.from([0])]);
    if (how === 'nul-start') return Buffer.concat([Buffer.from([0]), b]);
    return b;
  });
const authOf = (user: string, pw: Buffer) => Buffer.concat([Buffer.from(user, 'utf8'), Buffer.from(':'), pw]).toString('base64');
/** Any combination of the five fields, each value random. */
const anyEntry: fc.Arbitrary<Entry> = fc
  .record(
    {
      user: fc.option(username, { nil: undefined }),
      pw: fc.option(secretText, { nil: undefined }),
      auth: fc.option(fc.oneof(fc.constant('from-fields'), fc.tuple(username, passwordBytes), fc.constantFrom('not base64!', 'bm9jb2xvbg==')), { nil: undefined }),
      token: fc.option(secretText, { nil: undefined }),
      rt: fc.option(secretText, { freq: 6, nil: undefined }),
    },
    { requiredKeys: [] },
  )
  .map(({ user, pw, auth, token, rt }) => {
    const e: Entry = {};
    if (user !== undefined) e.username = user;
    if (pw !== undefined) e.password = pw;
    if (auth === 'from-fields') e.auth = authOf(user || 'u', Buffer.from(pw ?? '', 'utf8'));
    else if (typeof auth === 'string') e.auth = auth;
    else if (auth) e.auth = authOf(auth[0], auth[1]);
    if (token !== undefined) e.identitytoken = token;
    if (rt !== undefined) e.registrytoken = rt;
    return e;
  });
/** The shapes docker, podman and people write, weighted so that moves happen, and any combination. */
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(username, passwordBytes).map(([u, p]) => ({ auth: authOf(u, p) })) },
  { weight: 2, arbitrary: fc.tuple(username, secretText).map(([username, password]) => ({ username, password })) },
  { weight: 2, arbitrary: fc.tuple(secretText, fc.option(username, { nil: undefined })).map(([identitytoken, u]) => (u === undefined ? { identitytoken } : { identitytoken, username: u })) },
  { weight: 1, arbitrary: fc.tuple(username, secretText).map(([u, identitytoken]) => ({ auth: authOf(u, Buffer.alloc(0)), identitytoken })) },
  { weight: 1, arbitrary: fc.tuple(username, secretText).map(([u, p]) => ({ auth: authOf(u, Buffer.from(p, 'utf8')), username: u, password: p })) },
  { weight: 4, arbitrary: anyEntry },
);
const KEYS = ['a.example', 'https://a.example/v1/', 'b.example:5000', 'https://index.docker.io/v1/', 'c.example'];
const caseArb: fc.Arbitrary<Case> = fc.record({
  auths: fc.dictionary(fc.constantFrom(...KEYS), entry, { minKeys: 1, maxKeys: 4 }),
  credHelper: fc.option(fc.constantFrom(...KEYS.map((k) => k.replace(/^https:\/\/|\/v1\/$/g, ''))), { nil: undefined }),
  options: fc.record({ helper: fc.option(fc.constant('fake'), { nil: undefined }), alsoCredHelpers: fc.boolean() }),
});
const textOf = (c: Case, store: string | undefined) =>
  JSON.stringify({ auths: c.auths, ...(store ? { credsStore: store } : {}), ...(c.credHelper ? { credHelpers: { [c.credHelper]: 'other' } } : {}) }, null, 2);

// ---- the property ----
type Held = { username: Buffer; secret: Buffer } | undefined;
const bytesOf = (s: string) => (Buffer.from(s, 'utf8').toString('utf8') === s ? Buffer.from(s, 'utf8') : undefined);

/** Every secret of `input` is in `output`'s entry unchanged, or `held(helper, registry)` has it byte for byte. */
async function checkNothingLost(input: string, r: MoveResult, held: (helper: string, registry: string) => Promise<Held>): Promise<void> {
  const before = JSON.parse(input) as { auths: Record<string, Entry> };
  const after = JSON.parse(r.text) as { auths?: Record<string, Entry> };
  const route = new Map(planMove(analyze(input), { helper: 'fake' }).candidates.map((c) => [c.key, c]));
  for (const [key, e] of Object.entries(before.auths)) {
    const out = after.auths?.[key] ?? {};
    const c = route.get(key);
    const h = c?.helper ? await held(c.helper, c.registry) : undefined;
    const holds = (user: Buffer | undefined, secret: Buffer | undefined) => !!h && !!secret && h.secret.equals(secret) && (!user || h.username.equals(user));
    const where = `${key} in ${input}\n-> ${r.text}`;
    if (e.auth && out.auth !== e.auth) {
      const b = Buffer.from(e.auth, 'base64');
      const colon = b.indexOf(0x3a);
      // "user:" next to a token holds no secret: the token is the credential (docker login drops that username too).
      const tokenOnly = colon > 0 && colon === b.length - 1 && !!e.identitytoken && holds(Buffer.from('<token>'), bytesOf(e.identitytoken));
      assert.ok(tokenOnly || (colon > 0 && holds(b.subarray(0, colon), b.subarray(colon + 1))), `auth lost: ${where}`);
    }
    if (e.password && out.password !== e.password) assert.ok(holds(undefined, bytesOf(e.password)), `password lost: ${where}`);
    if (e.identitytoken && out.identitytoken !== e.identitytoken) assert.ok(holds(Buffer.from('<token>'), bytesOf(e.identitytoken)), `identitytoken lost: ${where}`);
    if (e.registrytoken) assert.equal(out.registrytoken, e.registrytoken, `registrytoken lost: ${where}`);
  }
  const shown = JSON.stringify({ moved: r.moved, notMoved: r.notMoved, credHelpers: r.credHelpers });
  assert.ok(!shown.includes(MARK) && !Object.values(before.auths).some((e) => e.auth && shown.includes(e.auth)), `a secret in the report: ${shown}`);
}

// ---- a helper that fails, lies and drops bytes ----
/** Faults drawn from a tape of numbers 0..99: below 30 something goes wrong, the number says what. */
function faultyHelper(tape: number[], seeded: Map<string, { username: Buffer; secret: Buffer }>) {
  const box = new Map(seeded);
  let i = 0;
  const next = () => tape[i++ % tape.length];
  const err = <T>(kind: HelperErrorKind, action: 'get' | 'erase' | 'store'): HelperResult<T> => ({ ok: false, error: { kind, helper: 'fake', action, message: `${action} ${kind}` } });
  const get = async (name: string, url: string): Promise<HelperResult<Credentials>> => {
    const f = next();
    const v = box.get(`${name} ${url}`);
    if (f < 6) return err('failed', 'get');
    if (f < 9) return err('not-found', 'get'); // a lie when it holds something
    if (!v) return err('not-found', 'get');
    let username = v.username.toString('utf8');
    let secret = v.secret.toString('utf8'); // JSON carries UTF-8: other bytes read as U+FFFD
    if (f < 12) secret = secret.slice(0, -1); // drops a byte (or half a surrogate pair)
    else if (f < 15) secret = secret.replace(/[^\x00-\x7f]/, '\uFFFD');
    else if (f < 18) username = `${username}x`;
    return { ok: true, value: { serverURL: url, username, secret } };
  };
  const client: HelperClient = {
    get,
    list: async () => ({ ok: true, value: {} }),
    async erase(name, url) {
      if (next() < 10) return err('failed', 'erase');
      return box.delete(`${name} ${url}`) ? { ok: true, value: undefined } : err('not-found', 'erase');
    },
    async storeAndVerify(name, creds): Promise<StoreAndVerifyResult> {
      const f = next();
      if (f < 8) return { ok: false, step: 'store', error: null, message: 'store failed' };
      const secret = Buffer.from(creds.secret, 'utf8'); // what JSON transport makes of it (a lone surrogate -> U+FFFD)
      box.set(`${name} ${creds.serverURL}`, { username: Buffer.from(creds.username, 'utf8'), secret: f < 14 ? secret.subarray(0, -1) : secret });
      if (f < 18) return { ok: false, step: 'store', error: null, message: 'store reported failure' };
      const back = await get(name, creds.serverURL);
      if (!back.ok) return { ok: false, step: 'get', error: back.error, message: 'reading back failed' };
      return back.value.username === creds.username && back.value.secret === creds.secret ? { ok: true } : { ok: false, step: 'compare', error: null, message: 'different' };
    },
  };
  return { client, held: async (helper: string, registry: string): Promise<Held> => box.get(`${helper} ${registry}`) };
}

describe('nothing lost, nothing leaked: property', () => {
  test('random configs, a helper that fails, lies and drops bytes at random (3000 runs)', async (t) => {
    const seededArb = fc.array(fc.tuple(fc.constantFrom('a.example', 'b.example:5000', 'c.example', 'https://index.docker.io/v1/'), fc.constantFrom('alice', '<token>'), secretText), { maxLength: 2 });
    let moved = 0;
    let notMoved = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(99) }, { weight: 2, arbitrary: fc.nat(99) }), { minLength: 8, maxLength: 40 }), seededArb, fc.boolean(), async (c, tape, seeds, withStore) => {
        const text = textOf(c, withStore ? 'fake' : undefined);
        const seeded = new Map(seeds.map(([url, user, secret]) => [`fake ${url}`, { username: Buffer.from(user), secret: Buffer.from(secret) }]));
        const fake = faultyHelper(tape, seeded);
        const r = await moveSecrets(text, fake.client, c.options);
        moved += r.moved.length;
        notMoved += r.notMoved.length;
        await checkNothingLost(text, r, fake.held);
      }),
      { numRuns: 3000 },
    );
    // The property must have been put to work on both sides.
    t.diagnostic(`entries moved ${moved}, not moved ${notMoved}`);
    assert.ok(moved > 1000 && notMoved > 1500, `moved ${moved}, not moved ${notMoved}`);
  });

  test('an honest helper moves every entry that holds one credential a helper can keep', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const text = textOf(c, 'fake');
        const fake = faultyHelper([99], new Map());
        const r = await moveSecrets(text, fake.client, c.options);
        await checkNothingLost(text, r, fake.held);
        for (const n of r.notMoved) assert.ok(planMove(analyze(text)).candidates.find((x) => x.key === n.key)?.problem || /already holds other credentials/.test(n.reason), `${n.key}: ${n.reason}`);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('nothing lost: property against the real docker-credential-pass', () => {
  let pass: PassEnv;
  before(() => (pass = createPassEnv()));
  after(() => pass?.cleanup());

  test('random configs (8 runs), each with registries of its own', async (t) => {
    const real = helperClient({ env: pass.env });
    let run = 0;
    let moved = 0;
    let notMoved = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        run++;
        // A fresh set of registries per run, so runs do not see each other's entries.
        const auths = Object.fromEntries(Object.entries(c.auths).map(([k, e]) => [k.replace('.example', `.r${run}.example`), e]));
        const text = textOf({ ...c, auths, credHelper: undefined }, 'pass');
        const r = await moveSecrets(text, real, c.options);
        moved += r.moved.length;
        notMoved += r.notMoved.length;
        await checkNothingLost(text, r, async (helper, registry) => {
          const got = await real.get(helper, registry);
          return got.ok ? { username: Buffer.from(got.value.username, 'utf8'), secret: Buffer.from(got.value.secret, 'utf8') } : undefined;
        });
      }),
      { numRuns: 8, seed: 9 },
    );
    t.diagnostic(`entries moved ${moved}, not moved ${notMoved}`);
    assert.ok(moved >= 3 && notMoved >= 3, `moved ${moved}, not moved ${notMoved}`);
  });
});
