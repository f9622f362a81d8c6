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

test('the command line\'s own texts: help and usage errors in Simplified Chinese, command and option names kept', async () => {
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env });
    return { code, out, err };
  };
  const cjk = /[\u4e00-\u9fff]/;
  const en = await run(['--help']);
  assert.match(en.out, /^Usage: docker-config-guard <command> \[options\]\n/);
  assert.doesNotMatch(en.out, cjk);
  const zh = await run(['--lang', 'zh-cn', '--help']);
  assert.equal(zh.code, 0);
  assert.match(zh.out, /^用法：docker-config-guard/);
  assert.match(zh.out, /命令：/);
  assert.doesNotMatch(zh.out, /Show this help|Commands:|Options:/);
  for (const name of ['  check [PATH|GLOB...]\n', '  resolve IMAGE       ', '  move-secrets        ', '  --format text|json  ', '  --lang en|zh-cn     ', '--run-helpers', '--also-cred-helpers', '--min-severity info|warning|error']) {
    assert.ok(zh.out.includes(name), `help lost ${JSON.stringify(name)}:\n${zh.out}`);
  }
  const usage = await run(['check', '--bogus', '--lang', 'zh-cn']);
  assert.equal(usage.code, 2);
  assert.equal(usage.err, 'docker-config-guard: 未知选项 --bogus\n运行 "docker-config-guard --help" 查看用法。\n');
  assert.equal((await run(['check', '--bogus'])).err, 'docker-config-guard: unknown option --bogus\nRun "docker-config-guard --help" for usage.\n');
  // a bad --lang is reported in the environment's language
  assert.match((await run(['--lang', 'fr', 'check'], { LANG: 'zh_CN.UTF-8' })).err, /^docker-config-guard: --lang 必须为以下之一：en, zh-cn\n运行/);
  assert.match((await run(['--lang', 'fr', 'check'])).err, /^docker-config-guard: --lang must be one of en, zh-cn\n/);
  assert.match((await run(['check', path.join(root, 'no-such-dir', 'x.json'), '--lang', 'zh-cn'])).err, /x\.json: 文件不存在/);
});

test('check --format json --lang zh-cn: keys, rule ids, severities and paths stay; messages are Chinese', async () => {
  const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'dcg-l10n-')), 'config.json');
  fs.writeFileSync(file, '{"auths":{"ghcr.io":{}},"credsStore":"nosuchhelper-x"}');
  const run = async (args: string[]) => {
    let out = '';
    const code = await main(args, { out: (s) => (out += s), err: () => undefined, env: { PATH: '' } });
    return { code, doc: JSON.parse(out) };
  };
  const en = await run(['check', '--format', 'json', file]);
  const zh = await run(['check', '--format', 'json', '--lang', 'zh-cn', file]);
  assert.equal(zh.code, en.code);
  const strip = (doc: { files: Array<{ findings?: Array<{ message: string }> }> }) =>
    JSON.stringify(doc, (k, v) => (k === 'message' ? '' : v));
  assert.equal(strip(zh.doc), strip(en.doc)); // same keys, rule ids, severities, paths, ranges
  const findings = zh.doc.files[0].findings as Array<{ rule: string; severity: string; message: string }>;
  assert.ok(findings.length >= 2);
  assert.ok(findings.some((f) => f.rule === 'empty-auth' && f.severity === 'warning'));
  assert.ok(findings.some((f) => f.rule === 'helper-not-found' && f.severity === 'error'));
  for (const f of findings) {
    assert.match(f.rule, /^[a-z-]+$/);
    assert.ok(['info', 'warning', 'error'].includes(f.severity));
    assert.match(f.message, /[\u4e00-\u9fff]/, f.message);
  }
  for (const f of en.doc.files[0].findings as Array<{ message: string }>) assert.doesNotMatch(f.message, /[\u4e00-\u9fff]/);
  // text output: the "file:line:col: severity rule:" prefix is never translated
  let text = '';
  await main(['check', '--lang', 'zh-cn', file], { out: (s) => (text += s + '\n'), err: () => undefined, env: { PATH: '' } });
  assert.ok(text.split('\n').includes(`${file}:1:11: warning empty-auth: ${findings.find((f) => f.rule === 'empty-auth')!.message}`), text);
});
