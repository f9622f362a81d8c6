// The VSIX holds only what the extension needs, and the npm tarball runs `npx docker-config-guard check`
// with no other install. Builds both for real (vsce, npm pack).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tmp;
before(() => (tmp = mkdtempSync(join(tmpdir(), 'dcg-package-'))));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('VSIX: allow-listed contents only, under 256 KB (200 KB before verify, export-pull-secret and images)', () => {
  const vsix = join(tmp, 'docker-config-guard.vsix');
  execFileSync(npm, ['run', '-s', 'build', '--', '--production'], { cwd: root, stdio: 'inherit' });
  execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = statSync(vsix).size;
  assert.ok(size < 256 * 1024, `VSIX is ${size} bytes`);
  const listing = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' });
  const files = listing.trim().split('\n').filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).sort();
  const allowed = [
    /^dist\/(extension|editor|cli|yaml)\.js$/,
    /^schemas\/[^/]+\.json$/,
    /^syntaxes\/[^/]+\.json$/,
    /^l10n\/bundle\.l10n\.[a-z-]+\.json$/,
    /^media\/(icon\.png|file-icon\.svg)$/,
    /^package(\.nls(\.[a-z-]+)?)?\.json$/,
    /^(readme|changelog)\.md$/,
    /^LICENSE\.txt$/,
  ];
  for (const f of files) assert.ok(allowed.some((re) => re.test(f)), `unexpected file in the VSIX: ${f}`);
  for (const needed of ['dist/extension.js', 'dist/editor.js', 'dist/cli.js', 'dist/yaml.js', 'package.json', 'schemas/docker-config.schema.json', 'media/icon.png', 'l10n/bundle.l10n.zh-cn.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
    assert.ok(files.includes(needed), `missing from the VSIX: ${needed}`);
  }
});

test('npm tarball: npx docker-config-guard check, with no other install', () => {
  const packDir = join(tmp, 'pack');
  execFileSync(npm, ['pack', '--pack-destination', tmp], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made no tarball');
  const config = join(tmp, 'config.json');
  writeFileSync(config, '{"auths":{"ghcr.io":{}}}');
  const env = { ...process.env, npm_config_cache: join(tmp, 'cache'), npm_config_offline: 'true', npm_config_yes: 'true', npm_config_update_notifier: 'false' };
  execFileSync('mkdir', ['-p', packDir]);
  const r = spawnSync(npm, ['exec', '--yes', '--package', join(tmp, tarball), '--', 'docker-config-guard', 'check', config, '--format', 'json'], { cwd: packDir, env, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).files[0].findings[0].rule, 'empty-auth');
});
