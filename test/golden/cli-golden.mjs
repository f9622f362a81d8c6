// The command line's output on the test fixtures, kept in test/golden/expected/ and compared by
// test/golden/cli-golden.test.mjs: a reshaping of the code must print the same (issue 10).
//   node test/golden/cli-golden.mjs --write    record the current output (after a deliberate change)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, cpSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXPECTED = path.join(ROOT, 'test/golden/expected');
const CLI = path.join(ROOT, 'dist/cli.js');

const IMAGES = ['alpine', 'docker.io/library/alpine', 'ghcr.io/o/app:1', 'registry.example.com:5000/team/app', 'quay.io/a/b', '127.0.0.1:5443/x/y:1'];

/** Every case: a name and the CLI arguments, run in a copy of the fixtures (stable paths, no helpers on PATH). */
export function cases() {
  const list = [
    ['rules', ['rules']],
    ['rules-json', ['rules', '--format', 'json']],
    ['help', ['--help']],
  ];
  for (const format of ['text', 'json', 'sarif']) list.push([`check-tree-${format}`, ['check', 'tree', '--format', format]]);
  list.push(['check-demo-text', ['check', 'demo/.docker/config.json']]);
  list.push(['check-demo-json', ['check', 'demo/.docker/config.json', '--format', 'json']]);
  list.push(['check-tree-zh', ['check', 'tree', '--lang', 'zh-cn']]);
  for (const image of IMAGES) list.push([`resolve-demo-${image.replace(/[^a-z0-9]+/gi, '_')}`, ['resolve', image, '--config', 'demo/.docker/config.json', '--format', 'json']]);
  for (const image of IMAGES) list.push([`resolve-demo-text-${image.replace(/[^a-z0-9]+/gi, '_')}`, ['resolve', image, '--config', 'demo/.docker/config.json']]);
  list.push(['resolve-demo-text-zh', ['resolve', 'quay.io/a/b', '--config', 'demo/.docker/config.json', '--lang', 'zh-cn']]);
  return list;
}

/** Runs every case; returns name -> output (exit code, stdout, stderr). */
export function run() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'dcg-golden-'));
  try {
    cpSync(path.join(ROOT, 'test/fixtures/tree'), path.join(work, 'tree'), { recursive: true });
    cpSync(path.join(ROOT, 'media/demo'), path.join(work, 'demo'), { recursive: true });
    chmodSync(path.join(work, 'demo/.docker/config.json'), 0o644);
    const bin = path.join(work, 'bin');
    mkdirSync(bin);
    const env = { PATH: bin, HOME: path.join(work, 'home'), LANG: 'C', TZ: 'UTC' };
    const out = {};
    for (const [name, args] of cases()) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
      const norm = (s) => s.split(work).join('<work>');
      out[name] = `exit ${r.status}\n--- stdout\n${norm(r.stdout)}\n--- stderr\n${norm(r.stderr)}`;
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  mkdirSync(EXPECTED, { recursive: true });
  for (const [name, text] of Object.entries(run())) writeFileSync(path.join(EXPECTED, `${name}.txt`), text);
  console.log(`wrote ${cases().length} files to ${path.relative(ROOT, EXPECTED)}`);
}

export function expected(name) {
  const f = path.join(EXPECTED, `${name}.txt`);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}
