// `check` over a directory tree: Docker configs, Podman auth files and pull secrets; text, json and
// SARIF (validated against the OASIS SARIF 2.1.0 schema); --min-severity; exit codes; no secret in any output.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { main } from '../../src/cli';
import { globToRegExp } from '../../src/cli/discover';
import { Streamed, jsonPieces } from '../../src/cli/output';
import { RULES } from '../../src/core';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
let tree: string;

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { HOME: tree, PATH: '', ...env } });
  return { code, out, err };
}

/** Every secret the fixtures hold, raw and encoded. */
function secretsOfFixtures(): string[] {
  const found = new Set(['fixture-pass-NOT-REAL-1', 'fixture-token-NOT-REAL-2', 'fixture-pass-NOT-REAL-3']);
  for (const file of fs.readdirSync(tree, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(tree, file);
    if (!fs.statSync(full).isFile()) continue;
    const text = fs.readFileSync(full, 'utf8');
    for (const m of text.matchAll(/"auth": "([^"{]+)"|\.dockerconfigjson: (eyJ\S+)/g)) found.add(m[1] ?? m[2]);
  }
  return [...found];
}

function write(rel: string, text: string): string {
  const file = path.join(tree, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

before(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-tree-'));
  fs.cpSync(path.join(FIXTURES, 'tree'), tree, { recursive: true });
  // never searched
  write('node_modules/pkg/.docker/config.json', '{"auths":{"skipped.io":{}}}');
  write('.git/info/.docker/config.json', '{"auths":{"skipped.io":{}}}');
});
after(() => fs.rmSync(tree, { recursive: true, force: true }));

const rel = (p: string) => path.relative(tree, p);

describe('a directory tree', () => {
  test('text: every kind of file is found and reported; others are skipped', async () => {
    const r = await run(['check', tree]);
    assert.equal(r.code, 1);
    const files = new Set(r.out.trim().split('\n').map((l) => rel(l.slice(0, l.indexOf(':', tree.length)))));
    assert.deepEqual([...files].sort(), [
      '.docker/config.json',
      'home/.config/containers/auth.json',
      'home/.dockercfg',
      'k8s/app.yaml',
      'k8s/regcred-laptop.yaml',
      'k8s/regcred.yaml',
      'run/user/1000/containers/auth.json',
    ]);
    assert.doesNotMatch(r.out, /skipped\.io|notes|charts/); // the Helm chart's templated secret: nothing to say
    assert.match(r.out, /k8s\/regcred-laptop\.yaml:3:22: error pull-secret-uses-helper: /);
    assert.match(r.out, /run\/user\/1000\/containers\/auth\.json:\d+:\d+: warning ignored-field: Podman, skopeo and buildah ignore "credsStore"/);
    assert.match(r.out, /home\/\.dockercfg:6:2: error empty-auth: "registry\.example\.com" holds no "auth", the only credential podman, skopeo and buildah read in ~\/\.dockercfg/);
  });
  test('json: files with their kind; YAML files without a pull secret are not listed', async () => {
    const r = await run(['check', '--format', 'json', tree]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out);
    const kinds = Object.fromEntries(doc.files.map((f: { path: string; kind: string }) => [rel(f.path), f.kind]));
    assert.deepEqual(kinds, {
      '.docker/config.json': 'docker',
      'charts/app/templates/pull-secret.yaml': 'manifest',
      'home/.config/containers/auth.json': 'containers',
      'home/.dockercfg': 'dockercfg',
      'k8s/app.yaml': 'manifest',
      'k8s/regcred-laptop.yaml': 'manifest',
      'k8s/regcred.yaml': 'manifest',
      'run/user/1000/containers/auth.json': 'containers',
    });
    const laptop = doc.files.find((f: { path: string }) => f.path.endsWith('regcred-laptop.yaml'));
    assert.deepEqual(laptop.findings.map((f: { rule: string; path: string[] }) => `${f.rule} ${f.path.join('.')}`).sort(), [
      'empty-auth auths.ghcr.io',
      'empty-auth auths.https://index.docker.io/v1/',
      'pull-secret-uses-helper credsStore',
    ]);
  });
  test('sarif: valid SARIF 2.1.0 with rule metadata and relative locations', async () => {
    const cwd = process.cwd();
    process.chdir(tree);
    let r;
    try {
      r = await run(['check', '--format', 'sarif', '.']);
    } finally {
      process.chdir(cwd);
    }
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
    ajv.addFormat('uri-reference', /^\S*$/);
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT/);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif/sarif-schema-2.1.0.json'), 'utf8')));
    assert.ok(validate(JSON.parse(r.out)), JSON.stringify(validate.errors, null, 2));
    const run0 = log.runs[0];
    const rules = run0.tool.driver.rules;
    assert.deepEqual(rules.map((x: { id: string }) => x.id), RULES.map((x) => x.id));
    for (const rule of rules) assert.match(rule.helpUri, new RegExp(`/docs/rules\\.md#${rule.id}$`));
    const docs = fs.readFileSync(path.resolve(FIXTURES, '../../docs/rules.md'), 'utf8');
    for (const rule of rules) assert.match(docs, new RegExp(`^## ${rule.id}$`, 'm'), `docs/rules.md has no section ${rule.id}`);
    const uris = new Set(run0.results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('k8s/regcred.yaml') && uris.has('.docker/config.json'), [...uris].join(' '));
    for (const x of run0.results) {
      assert.equal(rules[x.ruleIndex].id, x.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(x.level));
      assert.equal(x.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    assert.equal(run0.invocations[0].executionSuccessful, true);
  });
  test('sarif: a file that cannot be read is a tool notification, exit 2', async () => {
    const r = await run(['check', '--format', 'sarif', tree, path.join(tree, 'missing.json')]);
    assert.equal(r.code, 2);
    const inv = JSON.parse(r.out).runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0].message.text, /missing\.json: no such file/);
    assert.ok(JSON.parse(r.out).runs[0].results.length > 0, 'the other files are still reported');
  });
  test('no secret in any output', async () => {
    const secrets = secretsOfFixtures();
    assert.ok(secrets.length >= 6, secrets.join(' '));
    for (const format of ['text', 'json', 'sarif']) {
      const r = await run(['check', '--format', format, tree]);
      for (const s of secrets) assert.ok(!r.out.includes(s) && !r.err.includes(s), `${format} output holds a secret`);
    }
  });
});

describe('--min-severity', () => {
  test('error: warnings are left out and do not fail the run', async () => {
    const podman = path.join(tree, 'home/.config/containers/auth.json'); // plain text only: a warning
    assert.equal((await run(['check', podman])).code, 1);
    const r = await run(['check', '--min-severity', 'error', podman]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no problems found/);
    const all = await run(['check', '--min-severity=error', '--format', 'json', tree]);
    assert.equal(all.code, 1);
    const severities = JSON.parse(all.out).files.flatMap((f: { findings: Array<{ severity: string }> }) => f.findings.map((x) => x.severity));
    assert.ok(severities.length > 0 && severities.every((s: string) => s === 'error'));
  });
  test('info findings are reported but never fail the run', async () => {
    const file = write('info/containers/auth.json', JSON.stringify({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': 'pass' } }));
    const r = await run(['check', file]);
    assert.equal(r.code, 0);
    assert.match(r.out, /info empty-auth/);
    assert.equal((await run(['check', '--min-severity', 'warning', file])).out.includes('empty-auth'), false);
    fs.rmSync(path.join(tree, 'info'), { recursive: true });
  });
  test('a bad value is a usage error', async () => {
    assert.equal((await run(['check', '--min-severity', 'fatal', tree])).code, 2);
    assert.equal((await run(['check', '--format', 'xml', tree])).code, 2);
  });
});

describe('files, globs and $REGISTRY_AUTH_FILE', () => {
  test('a quoted glob is expanded, and its matches filtered like a directory', async () => {
    const r = await run(['check', '--format', 'json', `${tree}/**/*.yaml`]);
    const files = JSON.parse(r.out).files;
    assert.deepEqual(files.map((f: { path: string }) => rel(f.path)).sort(), ['charts/app/templates/pull-secret.yaml', 'k8s/app.yaml', 'k8s/regcred-laptop.yaml', 'k8s/regcred.yaml']);
    assert.deepEqual(files.find((f: { path: string }) => f.path.includes('charts')).findings, []);
    const auth = await run(['check', '--format', 'json', `${tree}/{home,run}/**/auth.json`]);
    assert.deepEqual(JSON.parse(auth.out).files.map((f: { kind: string }) => f.kind), ['containers', 'containers']);
  });
  test('a glob that matches nothing: exit 0 and a note', async () => {
    const r = await run(['check', `${tree}/k8s/*.yml`]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no Docker configs, Podman auth files or pull secrets found/);
  });
  test('a named YAML file without a pull secret is checked and clean', async () => {
    const r = await run(['check', path.join(tree, 'charts/app/templates/deployment.yaml')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /no problems found/);
  });
  test('$REGISTRY_AUTH_FILE is read as a Podman auth file, named or found', async () => {
    const file = write('ci/registry-auth.json', JSON.stringify({ auths: { 'quay.io': {} }, credsStore: 'pass' }));
    for (const arg of [file, path.join(tree, 'ci')]) {
      const r = await run(['check', '--format', 'json', arg], { REGISTRY_AUTH_FILE: file });
      const entry = JSON.parse(r.out).files[0];
      assert.equal(entry.kind, 'containers', arg);
      assert.ok(entry.findings.some((f: { rule: string }) => f.rule === 'ignored-field'));
    }
    fs.rmSync(path.join(tree, 'ci'), { recursive: true });
  });
  test('glob syntax', () => {
    const re = (g: string) => globToRegExp(g);
    assert.ok(re('**/*.yaml').test('a/b/c.yaml') && re('**/*.yaml').test('c.yaml'));
    assert.ok(!re('*.yaml').test('a/c.yaml'));
    assert.ok(re('k8s/{dev,prod}/*.y?ml').test('k8s/prod/x.yaml') && !re('k8s/{dev,prod}/*.yml').test('k8s/test/x.yml'));
    assert.ok(re('[a-c].json').test('b.json') && !re('[!a-c].json').test('b.json'));
    assert.ok(re('a.b').test('a.b') && !re('a.b').test('axb'));
    // regular expression characters without their glob meaning are literal; a broken class never throws
    assert.ok(re('a[b/c(d)+$.json').test('a[b/c(d)+$.json') && !re('a[b/c(d)+$.json').test('a[b/cd+$.json'));
    assert.ok(re('x/\u001b[31m/*.json').test('x/\u001b[31m/a.json'));
    assert.doesNotThrow(() => re('[z-a].json'));
  });
  test('the JSON writer: the bytes of JSON.stringify(value, null, 2), streamed arrays included', () => {
    const cases: unknown[] = [
      { version: 1, files: new Streamed([]) },
      { version: 1, files: new Streamed([{ path: 'a', kind: undefined, findings: new Streamed([{ x: [1, { y: null }], z: 'a\u009b\u202e\n' }, {}]) }, { path: 'b', error: 'e' }]) },
      [new Streamed([1, 'two', [], {}, [new Streamed([])]]), { a: { b: { c: new Streamed([{}]) } } }],
      { empty: {}, list: [], nested: [[[]]], s: '\u001b' },
    ];
    const plain = (v: unknown): unknown => (v instanceof Streamed ? [...v.items].map(plain) : Array.isArray(v) ? v.map(plain) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v);
    for (const value of cases) {
      const expected = JSON.stringify(plain(value), null, 2).replace(/[\u007f-\u009f\u202e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
      assert.equal([...jsonPieces(value)].join('\n'), expected);
    }
  });
});

describe('the bundled command line (yaml bundled in)', () => {
  const cli = path.resolve(__dirname, '../../../dist/cli.js');
  test('check of the tree from a real process: SARIF, exit 1; min-severity above every finding: exit 0', { skip: !fs.existsSync(cli) && 'run npm run build first' }, () => {
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'sarif', tree], { encoding: 'utf8', env: { ...process.env, PATH: '' } });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).version, '2.1.0');
    const clean = spawnSync(process.execPath, [cli, 'check', '--min-severity', 'error', path.join(tree, 'k8s/regcred.yaml')], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  });
});
