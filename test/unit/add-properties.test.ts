// registry-helper-as-store's quick fix added one credHelpers entry per served host with change(), which re-reads the
// whole text each time (quadratic for thousands of hosts). addProperties adds them in one pass and must give exactly
// the text of the one-by-one edits.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, fixesFor } from '../../src/core';
import { addProperties, applyEdit, change } from '../../src/core/json/edits';

const oneByOne = (text: string, hosts: string[], value: string) => hosts.reduce((t, h) => change(t, ['credHelpers', h], value), text);

test('addProperties gives the text of one change() per key, in every layout', () => {
  const texts = [
    '{\n\t"auths": {},\n\t"credsStore": "ecr-login"\n}',
    '{\n  "auths": {},\n  "credHelpers": {\n    "gcr.io": "gcloud"\n  }\n}',
    '{\r\n    "credHelpers": {\r\n        "gcr.io": "gcloud"\r\n    },\r\n    "auths": {}\r\n}',
    '{\n  "credHelpers": {}\n}',
    '{"auths":{},"credsStore":"ecr-login"}',
    '{"credHelpers":{"gcr.io":"gcloud"}}',
    '{}',
  ];
  const hosts = ['1.dkr.ecr.eu-west-1.amazonaws.com', '2.dkr.ecr.eu-west-1.amazonaws.com', 'h"q\\.io', '3.dkr.ecr.eu-west-1.amazonaws.com'];
  for (const text of texts) {
    for (let n = 1; n <= hosts.length; n++) {
      const want = oneByOne(text, hosts.slice(0, n), 'ecr-login');
      assert.equal(addProperties(text, ['credHelpers'], hosts.slice(0, n).map((h) => [h, 'ecr-login'] as const)), want, `${JSON.stringify(text)} with ${n}`);
    }
  }
  assert.equal(addProperties('{}', ['credHelpers'], []), '{}');
});

test('registry-helper-as-store fix for 5,000 hosts: every host moved, a short title (timed in test/hostile/duplicate-groups)', () => {
  const config = (n: number) =>
    JSON.stringify({ auths: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${String(i).padStart(12, '0')}.dkr.ecr.us-east-1.amazonaws.com`, {}])), credsStore: 'ecr-login' }, null, 2);
  const fixOf = (text: string) => {
    const analysis = analyze(text);
    const f = analysis.findings.find((x) => x.rule === 'registry-helper-as-store')!;
    return fixesFor(text, f, analysis)[0];
  };
  const text = config(5_000);
  const fix = fixOf(text);
  assert.match(fix.title, /^Use "ecr-login" in credHelpers for 000000000000\.dkr\.ecr\.us-east-1\.amazonaws\.com, 000000000001\.[^,]+, 000000000002\.[^,]+ and 4997 more and unset credsStore$/);
  const after = JSON.parse(applyEdit(text, fix.edit));
  assert.equal(after.credsStore, undefined);
  assert.equal(Object.keys(after.credHelpers).length, 5_000);
  assert.equal(after.credHelpers['000000004999.dkr.ecr.us-east-1.amazonaws.com'], 'ecr-login');
});
