// context-not-found (docs/rules.md) checked against the REAL docker CLI: where docker looks for a context
// (contexts/meta/<sha256 of the name>/meta.json), the error every command then fails with, that `default`
// always works, and that DOCKER_HOST / DOCKER_CONTEXT override currentContext. No daemon is needed:
// docker fails before it connects. Fails loudly when docker is missing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { analyze, contextDirName, readContexts } from '../../src/core';
import { dockerBinary } from './daemon';

let docker: string;
let tmp: string;
before(() => {
  docker = dockerBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-context-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function configDir(config: object): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'cfg-'));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

/** docker with only DOCKER_CONFIG (and what `extra` adds) in its environment. */
function run(dir: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(docker, args, { env: { PATH: '/nonexistent', HOME: tmp, DOCKER_CONFIG: dir, ...extra }, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function ours(dir: string) {
  const text = fs.readFileSync(path.join(dir, 'config.json'), 'utf8');
  return analyze(text, { contexts: readContexts(dir) }).findings.filter((f) => f.rule === 'context-not-found');
}

test('a missing context: docker fails with "context not found" at the path we name, and we report it', () => {
  const dir = configDir({ currentContext: 'nope' });
  const r = run(dir, ['version', '--format', '{{.Client.Version}}']);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /Failed to initialize: unable to resolve docker endpoint: context "nope": context not found/);
  assert.ok(r.out.includes(path.join('contexts', 'meta', contextDirName('nope'), 'meta.json')), r.out);
  assert.equal(ours(dir).length, 1);
});

test('a context docker created is found (its directory is sha256 of the name), with its endpoint', () => {
  const dir = configDir({});
  const created = run(dir, ['context', 'create', 'remote-one', '--docker', 'host=tcp://192.0.2.7:2375']);
  assert.equal(created.status, 0, created.out);
  assert.ok(fs.existsSync(path.join(dir, 'contexts', 'meta', contextDirName('remote-one'), 'meta.json')));
  assert.deepEqual(readContexts(dir).contexts, [{ name: 'remote-one', host: 'tcp://192.0.2.7:2375' }]);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'remote-one' }));
  const ls = run(dir, ['context', 'ls', '--format', '{{.Name}} {{.Current}} {{.DockerEndpoint}}']);
  assert.equal(ls.status, 0, ls.out);
  assert.match(ls.out, /^remote-one true tcp:\/\/192\.0\.2\.7:2375$/m);
  assert.equal(ours(dir).length, 0);
});

test('"default" always works; DOCKER_HOST and DOCKER_CONTEXT override a missing currentContext', () => {
  const dflt = configDir({ currentContext: 'default' });
  assert.equal(run(dflt, ['context', 'inspect', '--format', '{{.Name}}']).status, 0);
  assert.equal(ours(dflt).length, 0);
  const dir = configDir({ currentContext: 'nope' });
  assert.notEqual(run(dir, ['context', 'inspect', '--format', '{{.Name}}']).status, 0);
  const host = run(dir, ['context', 'inspect', '--format', '{{.Name}}'], { DOCKER_HOST: 'tcp://192.0.2.1:2375' });
  assert.equal(host.status, 0, host.out);
  assert.match(host.out, /^default$/m);
  const ctx = run(dir, ['context', 'inspect', '--format', '{{.Name}}'], { DOCKER_CONTEXT: 'default' });
  assert.equal(ctx.status, 0, ctx.out);
});
