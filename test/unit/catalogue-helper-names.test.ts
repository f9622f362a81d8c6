// Issue 10: helper names were validated twice and the two checks disagreed (the rule let "..", "a:b" and
// "pa$s" through, the helper lookup refused them, so they were reported as "not on PATH" even when docker would
// find them there). Now docker/helperNames.ts decides alone: the rule reports every name the tool does not run,
// saying what docker does with it, and a name it runs is looked up on PATH for real.
import { test, describe, after } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, isHelperOnPath, messageOf, validateHelperName } from '../../src/core';
import { helperGet } from '../../src/core/helpers/client';
import { fakeHelperDir } from '../support/fake-helper';
import { expectFindings } from './util';

const helpers = fakeHelperDir();
after(() => helpers.cleanup());
// On PATH (an explicit one: nothing from the host's): names docker runs; only the first three are run by this tool too.
for (const name of ['pass', 'ecr-login', 'v1.2-x', '..', 'a:b', 'pa$s']) helpers.write(name, 'exit 0');
const env = { PATH: helpers.dir, HOME: helpers.dir };
const onPath = (name: string) => isHelperOnPath(name, env);

describe('one validator for helper names', () => {
  for (const name of ['..', 'a:b', 'pa$s']) {
    test(`credsStore ${JSON.stringify(name)}: helper-name says docker looks it up on PATH and the tool does not run it; never "not on PATH"`, () => {
      const text = JSON.stringify({ credsStore: name, credHelpers: { 'r.example': name } });
      const got = expectFindings(
        text,
        [
          { rule: 'helper-name', severity: 'error', at: JSON.stringify(name), path: ['credsStore'] },
          { rule: 'helper-name', severity: 'error', at: JSON.stringify(name), path: ['credHelpers', 'r.example'] },
        ],
        { helperOnPath: onPath },
      );
      for (const f of got) {
        assert.ok(messageOf(f).includes(`Docker looks up "docker-credential-${name}" on PATH like any other name`), messageOf(f));
        assert.ok(messageOf(f).includes(validateHelperName(name)!), 'the reason is the validator\'s own');
      }
    });
  }

  test('a name the tool runs is looked up on PATH for real: found, or helper-not-found', () => {
    expectFindings(JSON.stringify({ credsStore: 'pass', credHelpers: { 'a.example': 'ecr-login', 'b.example': 'v1.2-x' } }), [], { helperOnPath: onPath });
    expectFindings(JSON.stringify({ credsStore: 'desktop' }), [{ rule: 'helper-not-found', at: '"desktop"' }], { helperOnPath: onPath });
  });

  test('the prefix, path and white-space messages stay, each with its quick-fix data', () => {
    const got = expectFindings(
      JSON.stringify({ credsStore: 'docker-credential-pass', credHelpers: { 'a.example': 'x/y', 'b.example': 'p ss' } }),
      [
        { rule: 'helper-name', at: '"docker-credential-pass"', says: 'without the "docker-credential-" prefix' },
        { rule: 'helper-name', at: '"x/y"', says: 'path relative to its current working directory' },
        { rule: 'helper-name', at: '"p ss"', says: 'must not contain white space' },
      ],
      { helperOnPath: onPath },
    );
    assert.equal(got.find((f) => f.path[0] === 'credsStore')!.data.stripped, 'pass');
  });

  test('for any name: helper-name exactly when the validator refuses it, helper-not-found only for names it accepts, and the client runs only those', async () => {
    const names = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('..', '.', 'a:b', 'pa$s', 'pass', 'x\u0000y', 'ü', 'docker-credential-', 'a'.repeat(130)));
    fc.assert(
      fc.property(names, (name) => {
        const rules = analyze(JSON.stringify({ credsStore: name }), { helperOnPath: () => false }).findings.map((f) => f.rule);
        const refused = validateHelperName(name) !== null;
        if (name === '') assert.deepEqual(rules, [], 'an empty credsStore names no helper');
        else assert.deepEqual(rules, [refused ? 'helper-name' : 'helper-not-found'], JSON.stringify(name));
      }),
      { numRuns: 500 },
    );
    for (const name of ['..', 'a:b', 'pa$s']) {
      const r = await helperGet(name, 'r.example', { env });
      assert.equal(!r.ok && r.error.kind, 'invalid-name', name);
    }
  });
});
