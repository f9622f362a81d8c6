// The command line prints the same on the fixtures as recorded in test/golden/expected/ (see cli-golden.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { cases, expected, run } from './cli-golden.mjs';

test('the command line prints what was recorded, case by case', () => {
  const got = run();
  assert.equal(Object.keys(got).length, cases().length);
  for (const [name, text] of Object.entries(got)) {
    const want = expected(name);
    assert.ok(want !== undefined, `no recorded output for ${name}: run node test/golden/cli-golden.mjs --write`);
    assert.equal(text, want, `output of ${name} changed`);
  }
});
