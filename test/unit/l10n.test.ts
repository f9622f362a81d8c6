import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';

const root = path.resolve(__dirname, '../../..');
const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

test('every message of the code is in the catalogue, translated with the same placeholders', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/l10n.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

test('the manifest strings: same keys in English and Simplified Chinese, all used', () => {
  const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8'));
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const k of Object.keys(en)) assert.equal(placeholders(zh[k]), placeholders(en[k]), k);
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  for (const k of Object.keys(en)) assert.ok(manifest.includes(`"%${k}%"`), `package.nls key not used: ${k}`);
  for (const m of manifest.matchAll(/"%([^%"]+)%"/g)) assert.ok(m[1] in en, `package.json uses %${m[1]}% with no English text`);
});

test('the command line speaks Simplified Chinese with --lang zh-cn and LANG=zh_CN.UTF-8', async () => {
  const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'dcg-l10n-')), 'config.json');
  fs.writeFileSync(file, '{"auths":{"ghcr.io":{}}}');
  const run = async (args: string[], env: NodeJS.ProcessEnv) => {
    let out = '';
    await main(args, { out: (s) => (out += s), err: () => undefined, env });
    return out;
  };
  const english = await run(['check', file], {});
  const chinese = await run(['check', file, '--lang', 'zh-cn'], {});
  assert.notEqual(chinese, english);
  assert.match(chinese, /[\u4e00-\u9fff]/);
  assert.equal(await run(['check', file], { LANG: 'zh_CN.UTF-8' }), chinese);
  assert.equal(await run(['check', file, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }), english);
});
