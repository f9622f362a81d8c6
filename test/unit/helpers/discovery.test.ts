import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  canStore, findHelperOnPath, findInstalledHelpers, findStorageHelpers, isHelperOnPath, TOKEN_ONLY_HELPERS,
} from '../../../src/core/helpers/discovery';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-discovery-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function dir(name: string, files: Record<string, number>): string {
  const d = path.join(root, name);
  fs.mkdirSync(d);
  for (const [f, mode] of Object.entries(files)) fs.writeFileSync(path.join(d, f), '#!/bin/sh\n', { mode });
  return d;
}

const a = dir('a', { 'docker-credential-pass': 0o755, 'docker-credential-ecr-login': 0o755, 'docker-credential-noexec': 0o644, 'unrelated': 0o755 });
const b = dir('b', { 'docker-credential-pass': 0o755, 'docker-credential-secretservice': 0o755, 'docker-credential-gcloud': 0o700 });
fs.mkdirSync(path.join(b, 'docker-credential-adir'));
fs.symlinkSync(path.join(b, 'docker-credential-secretservice'), path.join(a, 'docker-credential-linked'));
const env = { PATH: [a, '', 'relative/dir', path.join(root, 'missing'), b].join(path.delimiter) };

test('finds helpers in PATH order, first occurrence wins, only executable files', () => {
  const found = findInstalledHelpers(env);
  assert.deepEqual(found.map((h) => h.name), ['ecr-login', 'linked', 'pass', 'gcloud', 'secretservice']);
  assert.equal(found.find((h) => h.name === 'pass')?.path, path.join(a, 'docker-credential-pass'));
  assert.equal(found.find((h) => h.name === 'ecr-login')?.canStore, false);
});

test('isHelperOnPath is a file check', () => {
  assert.equal(isHelperOnPath('pass', env), true);
  assert.equal(isHelperOnPath('secretservice', env), true);
  assert.equal(isHelperOnPath('noexec', env), false);
  assert.equal(isHelperOnPath('adir', env), false);
  assert.equal(isHelperOnPath('desktop', env), false);
  assert.equal(isHelperOnPath('docker-credential-pass', env), false);
  assert.equal(isHelperOnPath('pass', { PATH: '' }), false);
  assert.equal(findHelperOnPath('linked', env), path.join(a, 'docker-credential-linked'));
});

test('relative PATH entries are ignored (docker refuses them too)', () => {
  const cwdDir = dir('cwd', { 'docker-credential-cwdonly': 0o755 });
  assert.equal(isHelperOnPath('cwdonly', { PATH: path.relative(process.cwd(), cwdDir) }), false);
  assert.equal(isHelperOnPath('cwdonly', { PATH: cwdDir }), true);
});

test('token-only helpers cannot store', () => {
  for (const n of ['ecr-login', 'gcr', 'gcloud', 'acr-env', 'ECR-LOGIN', 'ecr-login.exe']) assert.equal(canStore(n), false, n);
  for (const n of ['pass', 'secretservice', 'osxkeychain', 'wincred', 'desktop']) assert.equal(canStore(n), true, n);
  assert.ok(TOKEN_ONLY_HELPERS.includes('acr-env'));
  assert.deepEqual(findStorageHelpers(env).map((h) => h.name), ['linked', 'pass', 'secretservice']);
});
