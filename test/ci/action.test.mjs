// action.yml run as the GitHub runner runs a composite action (test/ci/runner.mjs), from a copy of this
// checkout without node_modules or dist: its first step installs the locked packages for real with
// `npm ci`, offline, from the npm cache this checkout's own `npm ci` filled (npm_config_offline: no
// network), and builds the CLI; the later runs reuse that install, as the step does when node_modules is there.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadAction, parseCommandFile, runAction } from './runner.mjs';
import { PATH, PLAINTEXT_CONFIG, PULL_SECRET, copyCheckout, leaks, npmCache } from './support.mjs';

let tmp, actionPath, workspace, action, env;
let run = 0;

function plant(file, text, mode = 0o644) {
  const p = join(workspace, file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  chmodSync(p, mode); // as a checkout writes it
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dcg-action-'));
  actionPath = join(tmp, 'action');
  workspace = join(tmp, 'workspace');
  copyCheckout(actionPath);
  action = loadAction(join(actionPath, 'action.yml'));
  mkdirSync(join(tmp, 'home'));
  env = {
    PATH,
    HOME: join(tmp, 'home'),
    LANG: 'C.UTF-8',
    npm_config_cache: npmCache(),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  plant('.docker/config.json', PLAINTEXT_CONFIG); // plaintext-credential (warning) at 4:15
  plant('team/.docker/config.json', '{"auths":{"ghcr.io":{}}}\n'); // empty-auth (error) at 1:11
  plant('containers/auth.json', '{"auths":{"quay.io":{}},"credHelpers":{"quay.io":"secretservice"}}\n'); // empty-auth (info)
  plant('k8s/regcred.yaml', PULL_SECRET); // plaintext-credential (warning) at 7:22
  plant('k8s/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  auths: none\n');
  plant('docs/notes.json', PLAINTEXT_CONFIG); // not a config by its path: never read
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function act(inputs) {
  return runAction({ action, actionPath, workspace, inputs, env, temp: join(tmp, `runner-${++run}`) });
}

function sarifOf(r) {
  assert.ok(r.outputs['sarif-file'], `no sarif-file output:\n${r.log}`);
  return JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
}

/** Each result as "uri line:column level rule". */
function summary(sarif) {
  return sarif.runs[0].results.map((x) => {
    const l = x.locations[0].physicalLocation;
    return `${l.artifactLocation.uri} ${l.region.startLine}:${l.region.startColumn} ${x.level} ${x.ruleId}`;
  });
}

test('action.yml: composite, bash steps, the inputs and outputs it documents; its scripts read inputs only through ${{ inputs }}', () => {
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs).sort(), ['fail-on-findings', 'min-severity', 'paths', 'sarif-file']);
  assert.equal(action.inputs.paths.default, '.');
  assert.equal(action.inputs['min-severity'].default, 'info');
  assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'findings', 'sarif-file']);
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    assert.doesNotMatch(step.run, /\$\{?INPUT_/, 'composite steps get no INPUT_* variables on the runner');
    assert.doesNotMatch(step.run, /\$\{\{/, 'inputs reach the scripts through env, never pasted into the script');
  }
});

test('default inputs: installs and builds, SARIF 2.1.0 with every planted finding at its place, outputs, no failure', () => {
  assert.ok(!existsSync(join(actionPath, 'node_modules')) && !existsSync(join(actionPath, 'dist')), 'the copy starts without an install');
  const r = act({});
  assert.ok(r.ok, r.log);
  assert.ok(existsSync(join(actionPath, 'node_modules/.bin/esbuild')), 'npm ci ran');
  assert.ok(existsSync(join(actionPath, 'dist/cli.js')), 'the CLI was built');
  assert.equal(r.outputs['sarif-file'], join(workspace, 'docker-config-guard.sarif'));
  const sarif = sarifOf(r);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.name, 'docker-config-guard');
  assert.deepEqual(sarif.runs[0].originalUriBaseIds['%SRCROOT%'], { uri: `file://${workspace}/` });
  for (const x of sarif.runs[0].results) {
    assert.equal(driver.rules[x.ruleIndex].id, x.ruleId);
    assert.equal(x.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(x.message.text.length > 0);
  }
  const found = summary(sarif);
  for (const expected of [
    '.docker/config.json 4:15 warning plaintext-credential',
    'team/.docker/config.json 1:11 error empty-auth',
    'containers/auth.json 1:11 note empty-auth',
    'k8s/regcred.yaml 7:22 warning plaintext-credential',
  ]) {
    assert.ok(found.includes(expected), `${expected} not in\n${found.join('\n')}`);
  }
  assert.ok(!found.some((f) => f.startsWith('docs/') || f.startsWith('k8s/app')), found.join('\n'));
  assert.equal(r.outputs.findings, String(found.length));
  assert.equal(r.outputs['exit-code'], '1');
  assert.match(r.log, new RegExp(`docker-config-guard: ${found.length} finding\\(s\\) at or above info`));
  assert.ok(!leaks(r.log) && !leaks(readFileSync(r.outputs['sarif-file'], 'utf8')), 'a secret reached the log or the SARIF file');
});

test('min-severity error with fail-on-findings: only the error, the step fails after writing SARIF and outputs', () => {
  const r = act({ paths: '.docker\nteam  k8s', 'min-severity': 'error', 'fail-on-findings': 'true', 'sarif-file': 'out/scan.sarif' });
  assert.equal(r.ok, false, r.log);
  assert.equal(r.steps.at(-1).status, 1);
  assert.equal(r.outputs['sarif-file'], join(workspace, 'out/scan.sarif'));
  assert.deepEqual(summary(sarifOf(r)), ['team/.docker/config.json 1:11 error empty-auth']);
  assert.equal(r.outputs.findings, '1');
  assert.equal(r.outputs['exit-code'], '1');
  assert.match(r.log, /::error title=docker-config-guard::1 finding\(s\) at or above error/);
  assert.ok(!leaks(r.log));
});

test('min-severity warning, a glob the CLI expands: the info finding is left out, findings do not fail the step', () => {
  const r = act({ paths: 'containers k8s/**/*.yaml', 'min-severity': 'warning' });
  assert.ok(r.ok, r.log);
  assert.deepEqual(summary(sarifOf(r)), ['k8s/regcred.yaml 7:22 warning plaintext-credential']);
  assert.equal(r.outputs.findings, '1');
  assert.equal(r.outputs['exit-code'], '1');
});

test('a clean tree: no findings, exit code 0, nothing printed from the files', () => {
  const r = act({ paths: 'k8s/app.yaml docs' });
  assert.ok(r.ok, r.log);
  assert.deepEqual(sarifOf(r).runs[0].results, []);
  assert.equal(r.outputs.findings, '0');
  assert.equal(r.outputs['exit-code'], '0');
  assert.doesNotMatch(r.log, /stop-commands/);
});

test('a wrong min-severity or a missing path fails the step (exit status 2)', () => {
  const bad = act({ 'min-severity': 'high' });
  assert.equal(bad.ok, false);
  assert.equal(bad.steps.at(-1).status, 2);
  assert.equal(bad.outputs['exit-code'], '2');
  assert.equal(bad.outputs['sarif-file'], '');
  assert.match(bad.log, /--min-severity must be info, warning, error, not high/);
  const missing = act({ paths: 'k8s nowhere' });
  assert.equal(missing.ok, false);
  assert.equal(missing.steps.at(-1).status, 2);
  assert.equal(missing.outputs.findings, '1', 'the files that could be read are still reported');
  assert.match(missing.log, /nowhere/);
});

test('findings in the log: a path cannot issue workflow commands (escaped by the CLI, fenced by stop-commands)', () => {
  plant('::error title=pwned::x/.docker/config.json', '{"auths":{"ghcr.io":{}}}\n');
  try {
    const r = act({ paths: '.' });
    assert.ok(r.ok, r.log);
    const m = /^::stop-commands::(\S+)$/m.exec(r.log);
    assert.ok(m, r.log);
    const end = r.log.indexOf(`\n::${m[1]}::\n`);
    assert.ok(end > m.index, 'commands resume after the findings');
    assert.match(r.log.slice(m.index, end), /^\\x3a:error title=pwned::x\/\.docker\/config\.json:1:11: error empty-auth/m);
    assert.doesNotMatch(r.log, /^::error title=pwned/m);
  } finally {
    rmSync(join(workspace, '::error title=pwned::x'), { recursive: true, force: true });
  }
});

test('runner: GITHUB_OUTPUT forms it reads', () => {
  assert.deepEqual(parseCommandFile('a=1\nb<<EOF\nx=y\nz\nEOF\nc=\n'), { a: '1', b: 'x=y\nz', c: '' });
  assert.throws(() => parseCommandFile('junk\n'));
});
