// `npm run bench -- --json` (scripts/bench.mjs): the shape of its report, from a quick run without the editor, the
// VSIX and the stress cases, on a small generated tree. No timing is asserted (the machine may be loaded): only that
// each ratio carries its value, target and the two absolute figures it is made of, and what the scanners found.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI_RATIOS = ['treeScanVsRipgrep', 'treeScanVsSecretlint', 'singleFileVsNode'];
const HOST_RATIOS = ['activationVsEmptyExtension', 'diagnosticsVsJsonLanguageFeatures'];

interface Figure { what: string; ms: number }
interface Ratio { value: number | null; target?: number; pass?: boolean; numerator?: Figure; denominator?: Figure; runs?: number; reason?: string }
interface Tally { planted: number; found: number; byKind: Record<string, { planted: number; found: number }>; filesFlagged: number }
interface Report {
  ratios: Record<string, Ratio>;
  finds: { tree: { files: number; check: Tally }; subtree: { path: string; files: number; check: Tally; secretlint: Tally } };
  sizes: Record<string, number>;
  stress: unknown;
}

test('bench --json: every ratio with its target and both absolute figures; what each scanner finds of the planted credentials', { timeout: 120_000 }, () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js missing: npm run build');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--json', '--no-host', '--no-vsix', '--no-stress', '--tree-files', '400', '--runs', '1', '--secretlint-runs', '1'], {
    cwd: ROOT, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as Report;

  assert.deepEqual(Object.keys(report.ratios).sort(), [...CLI_RATIOS, ...HOST_RATIOS].sort());
  const targets: Record<string, number> = { treeScanVsRipgrep: 2.5, treeScanVsSecretlint: 0.2, singleFileVsNode: 1.5 };
  for (const name of CLI_RATIOS) {
    const x = report.ratios[name];
    assert.equal(x.target, targets[name], name);
    for (const side of [x.numerator!, x.denominator!]) {
      assert.equal(typeof side.what, 'string', name);
      assert.ok(side.ms > 0, `${name}: ${side.what} took ${side.ms} ms`);
    }
    assert.ok(x.value !== null && Math.abs(x.value - x.numerator!.ms / x.denominator!.ms) < 0.01, `${name}: ${x.value} is not ${x.numerator!.ms} / ${x.denominator!.ms}`);
    assert.equal(x.pass, x.value! <= x.target!, name);
    assert.ok(Number.isInteger(x.runs) && x.runs! >= 1, name);
  }
  for (const name of HOST_RATIOS) assert.deepEqual(report.ratios[name], { value: null, reason: '--no-host' });

  // The tree: 400 files; check finds every planted Docker config, Podman auth file and pull secret, and (reading
  // only the files that name a Docker config) none of the tokens in shell scripts; secretlint the reverse.
  const { tree, subtree } = report.finds;
  assert.equal(tree.files, 400);
  assert.equal(subtree.path, 'teams/team-00');
  assert.ok(subtree.files > 0 && subtree.files < tree.files);
  for (const kind of ['Docker config', 'Podman auth file', 'pull secret']) {
    const k = tree.check.byKind[kind];
    assert.ok(k.planted > 0 && k.found === k.planted, `check: ${kind} ${k.found}/${k.planted}`);
    assert.equal(subtree.check.byKind[kind].found, subtree.check.byKind[kind].planted, kind);
    assert.equal(subtree.secretlint.byKind[kind].found, 0, `secretlint: ${kind}`);
  }
  assert.equal(tree.check.byKind['shell script'].found, 0);
  assert.equal(subtree.secretlint.byKind['shell script'].found, subtree.secretlint.byKind['shell script'].planted);
  assert.equal(subtree.check.planted, subtree.secretlint.planted);
  assert.deepEqual(Object.keys(report.sizes).sort(), ['dist/cli.js', 'dist/editor.js', 'dist/extension.js', 'dist/yaml.js']);
  assert.equal(report.stress, null);
});

test('check on one config loads no network, process, crypto or terminal module (the single-file start)', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), 'dist/cli.js missing: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-bench-start-'));
  try {
    const config = path.join(dir, '.docker', 'config.json');
    fs.mkdirSync(path.dirname(config));
    fs.writeFileSync(config, '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}},"credHelpers":{"quay.io":"dcg-missing"}}', { mode: 0o600 });
    const preload = path.join(dir, 'modules.js');
    const list = path.join(dir, 'modules.txt');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
    // stdout to /dev/null, as the terminal or a pipe would load their own stream modules
    const r = spawnSync(process.execPath, ['--require', preload, cli, 'check', config], { env: { PATH: '/usr/bin:/bin', HOME: dir }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr); // plaintext-credential, helper-not-found: the rules that read this machine ran
    const loaded = new Set(fs.readFileSync(list, 'utf8').split('\n'));
    assert.ok(loaded.has('NativeModule fs'), 'the list of loaded modules is empty');
    for (const m of ['http', 'https', 'tls', 'net', 'child_process', 'crypto', 'tty', 'readline']) {
      assert.ok(!loaded.has(`NativeModule ${m}`), `check loaded ${m}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
