// Scrubbing secrets from helper text (src/core/helpers/scrub.ts): every form a helper may print a
// secret in, overlapping matches, and time linear in the text.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsSecret, scrub, scrubberFor, secretForms, Scrubber } from '../../../src/core/helpers/scrub';

const SECRET = 'pa<ss>&"w\\ord\n\u0001ä\u2028!';
const goJson = (s: string): string =>
  JSON.stringify(s).slice(1, -1).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const b64 = (s: string | Buffer): string => Buffer.from(s as string).toString('base64');
const url = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_');

test('every form of the secret is scrubbed: raw, JSON, Go JSON, ASCII-only JSON, base64 (std/URL, padded or not), user:secret', () => {
  const forms: Record<string, string> = {
    raw: SECRET,
    json: JSON.stringify(SECRET).slice(1, -1),
    go: goJson(SECRET),
    ascii: JSON.stringify(SECRET).slice(1, -1).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    b64: b64(SECRET),
    b64unpadded: b64(SECRET).replace(/=+$/, ''),
    b64url: url(b64(SECRET)),
    b64urlUnpadded: url(b64(SECRET)).replace(/=+$/, ''),
    b64goJson: b64(goJson(SECRET)),
    userSecret: b64(`alice:${SECRET}`),
    userSecretUrl: url(b64(`alice:${SECRET}`)).replace(/=+$/, ''),
  };
  for (const [name, form] of Object.entries(forms)) {
    const out = scrub(`before ${form} after`, [{ secret: SECRET, username: 'alice' }]);
    assert.equal(out, 'before *** after', name);
  }
});

test('base64 of a longer text that holds the secret, at every alignment, loses every full group made of the secret', () => {
  for (const secret of ['correct-horse-battery', 'correct-horse-battery-', 'correct-horse-battery-s']) {
    for (const prefix of ['', 'x', 'xy', '{"ServerURL":"r.example","Username":"u","Secret":"']) {
      for (const enc of [(s: string) => b64(s), (s: string) => url(b64(s))]) {
        const encoded = enc(`${prefix}${secret}"}`);
        const out = scrub(encoded, [secret]);
        const label = `${secret.length} bytes after ${prefix.length}`;
        assert.notEqual(out, encoded, label);
        // What is left can no longer be decoded into the secret.
        assert.ok(!Buffer.from(out.replace(/\*\*\*/g, ''), 'base64').toString('latin1').includes(secret.slice(3, -3)), label);
      }
    }
  }
});

test('overlapping and touching matches become one ***; several secrets in one pass', () => {
  assert.equal(new Scrubber(['abcd', 'cdef']).scrub('xxabcdefyy'), 'xx***yy');
  assert.equal(new Scrubber(['ab', 'cd']).scrub('abcd ab-cd'), '*** ***-***');
  assert.equal(new Scrubber(['bcd', 'abcde']).scrub('abcdef'), '***f');
  assert.equal(new Scrubber(['aab']).scrub('aaab aab'), 'a*** ***');
  assert.equal(new Scrubber([]).scrub('text'), 'text');
  assert.equal(scrub('one two three', ['one', 'three', '']), '*** two ***');
  assert.equal(scrubberFor(['s3cr3t']).contains('no s3cr3t here'), true);
  assert.equal(scrubberFor(['s3cr3t']).contains('nothing here'), false);
  assert.deepEqual(secretForms(''), []);
});

test('holdsSecret: a whole form of any length, or a form of 4 characters or more inside the text', () => {
  assert.equal(holdsSecret('from-pass', ['s']), false, 'a one-letter secret does not hide every name with that letter');
  assert.equal(holdsSecret('s', ['s']), true);
  assert.equal(holdsSecret('x-hunter2-y', ['hunter2']), true);
  assert.equal(holdsSecret(b64('hunter2'), [{ secret: 'hunter2' }]), true);
  assert.equal(holdsSecret(`${b64('alice:hunter2')}`, [{ secret: 'hunter2', username: 'alice' }]), true);
  assert.equal(holdsSecret('p\\u003cw', ['p<w']), true, 'Go JSON of a short secret, whole');
  assert.equal(holdsSecret('alice', ['hunter2', 'abc']), false);
});

test('scrubbing is linear: 1 MiB with 50 secrets, also text built to make a matcher backtrack', () => {
  const secrets = Array.from({ length: 50 }, (_, i) => ({ secret: `secret-${i}-${'x'.repeat(20)}<&>`, username: `user${i}` }));
  const scrubber = scrubberFor(secrets);
  const MiB = 1 << 20;
  const texts: Record<string, string> = {
    spaces: ' '.repeat(MiB),
    base64: Buffer.alloc(MiB, 'a7/+').toString('base64').slice(0, MiB),
    prefixes: `secret-1-${'x'.repeat(19)}`.repeat(MiB / 30),
    dense: `${secrets[7].secret} ${b64(secrets[8].secret)} `.repeat(MiB / 80),
  };
  const timings: string[] = [];
  for (const [name, text] of Object.entries(texts)) {
    scrubber.scrub(text); // warm up
    const t0 = performance.now();
    const out = scrubber.scrub(text);
    const ms = performance.now() - t0;
    timings.push(`${name} ${(text.length / MiB).toFixed(2)} MiB: ${ms.toFixed(1)} ms`);
    if (name === 'dense') assert.ok(!out.includes('secret-7') && !out.includes(b64(secrets[8].secret)));
    // Quadratic scrubbing of 1 MiB takes minutes; linear a few milliseconds (generous bound for a loaded machine).
    assert.ok(ms < 1000, `${name}: ${ms} ms`);
  }
  const worst = new Scrubber([`${'a'.repeat(1000)}b`]);
  const t0 = performance.now();
  assert.equal(worst.scrub('a'.repeat(MiB)).length, MiB);
  const ms = performance.now() - t0;
  timings.push(`a^1MiB against a^1000 b: ${ms.toFixed(1)} ms`);
  assert.ok(ms < 1000, `${ms} ms`);
  console.log(`scrub timings (50 secrets, ${secretForms(secrets[0].secret, 'u').length} forms each): ${timings.join('; ')}`);
});
