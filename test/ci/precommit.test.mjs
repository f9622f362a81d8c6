// .pre-commit-hooks.yaml with Debian's pre-commit (/usr/bin/pre-commit), on a throwaway git repository:
// `pre-commit try-repo` as the README shows, then the hook installed with `pre-commit install` and real
// `git commit`s. The hook repository is a commit of this checkout's files (no node_modules, no dist);
// pre-commit installs it as its node language does (nodeenv -n system, npm install, npm pack, npm install -g
// the tarball; the `prepare` script builds dist/). npm installs from the npm cache this checkout's `npm ci`
// filled (prefer-offline); what the cache lacks (npm install asks the registry for package documents
// npm ci does not need) comes from the npm registry.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { PATH, PLAINTEXT_CONFIG, PULL_SECRET, copyCheckout, gitEnv, leaks, npmCache, root } from './support.mjs';

let tmp, hookRepo, project, env, rev;

function run(cmd, args, cwd = project) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

function git(...args) {
  const r = run('git', args);
  assert.equal(r.status, 0, r.out);
  return r.out.trim();
}

function stage(file, text) {
  const p = join(project, file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  chmodSync(p, 0o644);
  git('add', '--', file);
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dcg-precommit-'));
  hookRepo = join(tmp, 'hook-repo');
  project = join(tmp, 'project');
  mkdirSync(join(tmp, 'home'));
  env = {
    PATH,
    ...gitEnv(join(tmp, 'home')),
    LANG: 'C.UTF-8',
    PRE_COMMIT_HOME: join(tmp, 'pre-commit-home'),
    npm_config_cache: npmCache(),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  copyCheckout(hookRepo);
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'hook repository']]) assert.equal(run('git', args, hookRepo).status, 0);
  rev = run('git', ['rev-parse', 'HEAD'], hookRepo).out.trim();
  mkdirSync(project);
  git('init', '-q');
  stage('README.md', 'a project\n');
  git('commit', '-q', '-m', 'initial');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('.pre-commit-hooks.yaml: node with the system node, check on the files whose path check recognises', () => {
  const [hook, ...others] = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(others.length, 0);
  assert.equal(hook.id, 'docker-config-guard');
  assert.equal(hook.language, 'node');
  assert.equal(hook.language_version, 'system', 'no nodeenv download');
  assert.equal(hook.entry, 'docker-config-guard check');
  assert.equal(hook.pass_filenames ?? true, true);
  const files = new RegExp(hook.files); // pre-commit's re.search; the pattern means the same in both
  for (const f of ['.docker/config.json', 'ci/.docker/config.json', 'home/.config/containers/auth.json', 'containers/auth.json', 'k8s/a.yaml', 'b.yml']) {
    assert.ok(files.test(f), f);
  }
  for (const f of ['config.json', 'docker/config.json', 'auth.json', 'x.docker/config.json', 'mycontainers/auth.json', 'a.json', 'yaml.txt']) {
    assert.ok(!files.test(f), f);
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(manifest.bin['docker-config-guard'], 'dist/cli.js');
  assert.match(manifest.scripts.prepare, /scripts\/build\.mjs/, 'the tarball pre-commit packs needs dist/');
  assert.match(readFileSync(join(root, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m, "npm pack's script banner would become pre-commit's tarball name");
});

test('pre-commit try-repo: a staged Docker config with a plaintext auth fails the hook, the secret is not printed', () => {
  stage('.docker/config.json', PLAINTEXT_CONFIG);
  const r = run('/usr/bin/pre-commit', ['try-repo', hookRepo, 'docker-config-guard', '--ref', rev]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /docker-config-guard\.+Failed/);
  assert.match(r.out, /\.docker\/config\.json:4:15: warning plaintext-credential:/);
  assert.ok(!leaks(r.out), r.out);
  git('reset', '-q', '--', '.docker/config.json');
  rmSync(join(project, '.docker'), { recursive: true });
});

test('pre-commit install: a commit with a plaintext auth is refused, a clean one passes, and so do files it does not read', () => {
  writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: docker-config-guard\n`);
  git('add', '.pre-commit-config.yaml');
  assert.equal(run('/usr/bin/pre-commit', ['install']).status, 0);
  // The first commit installs the hook's environment (once: later commits reuse it).
  git('commit', '-q', '-m', 'pre-commit');
  const head = git('rev-parse', 'HEAD');

  stage('deploy/.docker/config.json', PLAINTEXT_CONFIG);
  const refused = run('git', ['commit', '-m', 'add a docker config']);
  assert.notEqual(refused.status, 0, refused.out);
  assert.match(refused.out, /deploy\/\.docker\/config\.json:4:15: warning plaintext-credential:/);
  assert.ok(!leaks(refused.out), refused.out);
  assert.equal(git('rev-parse', 'HEAD'), head, 'the commit was made');

  stage('deploy/.docker/config.json', '{\n  "auths": {},\n  "credHelpers": {},\n  "psFormat": "table {{.ID}}"\n}\n');
  stage('docs/example.json', PLAINTEXT_CONFIG); // not a Docker config by its path: not passed to the hook
  const clean = run('git', ['commit', '-m', 'a clean docker config']);
  assert.equal(clean.status, 0, clean.out);
  assert.match(clean.out, /docker-config-guard\.+Passed/);
  assert.notEqual(git('rev-parse', 'HEAD'), head);
});

test('pre-commit install: a pull secret manifest with credentials is refused, other YAML and Podman auth files pass', () => {
  const head = git('rev-parse', 'HEAD');
  stage('k8s/regcred.yaml', PULL_SECRET);
  stage('k8s/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n');
  const refused = run('git', ['commit', '-m', 'add a pull secret']);
  assert.notEqual(refused.status, 0, refused.out);
  assert.match(refused.out, /k8s\/regcred\.yaml:7:22: warning plaintext-credential:/);
  assert.doesNotMatch(refused.out, /k8s\/app\.yaml/);
  assert.ok(!leaks(refused.out), refused.out);
  assert.equal(git('rev-parse', 'HEAD'), head);

  git('rm', '-q', '--cached', 'k8s/regcred.yaml');
  stage('home/.config/containers/auth.json', '{"auths":{}}\n');
  const clean = run('git', ['commit', '-m', 'manifests']);
  assert.equal(clean.status, 0, clean.out);
  assert.match(clean.out, /docker-config-guard\.+Passed/);

  stage('home/.config/containers/auth.json', '{"auths":{"quay.io":{"auth":"' + Buffer.from('bot:p4ss-w0rd-q').toString('base64') + '"}}}\n');
  const podman = run('git', ['commit', '-m', 'podman login']);
  assert.notEqual(podman.status, 0, podman.out);
  assert.match(podman.out, /home\/\.config\/containers\/auth\.json:1:\d+: warning plaintext-credential:/);
});
