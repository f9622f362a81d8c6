// Many keys for one registry: duplicate-registry's message on each key listed every other key of the group, so n
// keys sharing a host made n messages of n keys each (4,000 keys "r.io/team1"…"r.io/team4000": 5.7 s in `check` and in
// the editor). Each message now names a few of the others and counts the rest. Timed as linear-time.test.ts does:
// 2,000 and 20,000 keys, best of three, measured in turns; linear is 10 times as long, quadratic 100 times; the
// test allows 30 (plus 100 ms of noise). Speed itself is measured by `npm run bench`, not here.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertLinear } from './linear';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzeDockercfg, Finding, fixesFor, messageOf } from '../../src/core';
import { assertExit, runCli, tempDir, write } from './check-support';

const auths = (keys: string[]) => JSON.stringify({ auths: Object.fromEntries(keys.map((k) => [k, { auth: 'dTpw' }])) });
const docker = (n: number) => auths(Array.from({ length: n }, (_, i) => `r.io/team${i}`));
const containers = (n: number) => auths(Array.from({ length: n }, (_, i) => `https://r.io/team${i}`));
const legacy = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`r.io/team${i}`, { auth: 'dTpw' }])));

/** The duplicate-registry messages, in document order. */
const sameRegistry = (findings: readonly Finding[]): string[] => findings.filter((f) => f.rule === 'duplicate-registry').map(messageOf);

describe('many keys for one registry', { timeout: 180_000 }, () => {
  test('docker: "r.io/team1"…"r.io/team20000" (one host, docker joins them)', () => {
    assertLinear(docker, (t) => analyze(t), 2_000, { factor: 10, allowed: 30, tries: 3 });
  });
  test('podman, skopeo, buildah: "https://r.io/team1"… (URL-form keys join by host)', () => {
    assertLinear(containers, (t) => analyze(t, { profile: 'containers' }), 2_000, { factor: 10, allowed: 30, tries: 3 });
  });
  test('a ~/.dockercfg: every key is cut at its first "/"', () => {
    assertLinear(legacy, (t) => analyzeDockercfg(t), 2_000, { factor: 10, allowed: 30, tries: 3 });
  });

  test('registry-helper-as-store: the fix for 20,000 Amazon ECR hosts (one change() per host re-read the whole text)', () => {
    const ecr = (n: number) =>
      JSON.stringify({ auths: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${String(i).padStart(12, '0')}.dkr.ecr.us-east-1.amazonaws.com`, {}])), credsStore: 'ecr-login' }, null, 2);
    const fix = (text: string) => {
      const analysis = analyze(text);
      const f = analysis.findings.find((x) => x.rule === 'registry-helper-as-store')!;
      assert.equal(fixesFor(text, f, analysis).length, 1);
    };
    assertLinear(ecr, fix, 2_000, { factor: 10, allowed: 30, tries: 3 });
  });

  test('each message names at most three other keys and counts the rest', () => {
    for (const [what, findings] of [
      ['docker', analyze(docker(20_000)).findings],
      ['containers', analyze(containers(20_000), { profile: 'containers' }).findings],
    ] as const) {
      const same = sameRegistry(findings);
      assert.equal(same.length, 20_000, what);
      for (const m of same) assert.ok(m.length < 400, `${what}: ${m.length} characters`);
      const first = same[0];
      assert.match(first, /"[^"]*r\.io\/team1", "[^"]*r\.io\/team2", "[^"]*r\.io\/team3" and 19996 more keys are the same registry/, what);
      const last = same[same.length - 1];
      assert.match(last, /"[^"]*r\.io\/team0", "[^"]*r\.io\/team1", "[^"]*r\.io\/team2" and 19996 more keys/, what);
    }
  });

  test('a group of four still names all three others, with no count', () => {
    const same = sameRegistry(analyze(docker(4)).findings);
    assert.equal(same.length, 4);
    assert.match(same[0], /^"r\.io\/team0" and "r\.io\/team1", "r\.io\/team2", "r\.io\/team3" are the same registry to docker \(r\.io\)\./);
    assert.doesNotMatch(same[0], /more keys/);
    const five = sameRegistry(analyze(docker(5)).findings);
    assert.match(five[4], /^"r\.io\/team4" and "r\.io\/team0", "r\.io\/team1", "r\.io\/team2" and 1 more keys are/);
  });

  test('the command line, 20,000 keys: every format well under the time limit, output linear in the keys', (t) => {
    const dir = tempDir('dcg-groups-');
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    write(path.join(dir, 'config.json'), docker(20_000));
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['check', '--format', format, 'config.json'], { cwd: dir, timeoutMs: 60_000 });
      assertExit(r, 1, format);
      t.diagnostic(`${format}: ${r.ms} ms, ${r.out.length} characters`);
      assert.ok(r.out.length < 20_000 * 4_000, `${format}: ${r.out.length} characters of output`);
    }
  });
});
