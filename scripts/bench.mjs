// npm run bench [-- --json]: numbers, not a test. Core analysis vs JSON.parse, bundle size, CLI time.
// Activation and edit-to-diagnostics times are measured in the real editor (test/bench) when available.
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const json = process.argv.includes('--json');

function config(n) {
  const auths = {};
  for (let i = 0; i < n; i++) {
    auths[`registry-${i}.example.com:5000`] = i % 3 === 0 ? {} : { auth: Buffer.from(`user${i}:password-${i}`).toString('base64') };
  }
  return JSON.stringify({ auths, credHelpers: { 'gcr.io': 'gcloud' } }, null, '\t');
}

function best(fn, minMs = 300, minRuns = 5) {
  let bestMs = Infinity;
  const start = performance.now();
  for (let runs = 0; runs < minRuns || performance.now() - start < minMs; runs++) {
    const t0 = performance.now();
    fn();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return bestMs;
}

const { analyze, analyzeManifest } = require(join(root, 'out/src/core/index.js'));
const analysis = [];
const dir = mkdtempSync(join(tmpdir(), 'dcg-bench-'));
let largest;
for (const registries of [10, 1000, 100000]) {
  const text = config(registries);
  if (registries === 100000) {
    largest = join(dir, 'config.json');
    writeFileSync(largest, text);
  }
  const analyzeMs = best(() => analyze(text));
  const jsonParseMs = best(() => JSON.parse(text));
  analysis.push({ registries, bytes: text.length, analyzeMs: +analyzeMs.toFixed(3), jsonParseMs: +jsonParseMs.toFixed(3), ratio: +(analyzeMs / jsonParseMs).toFixed(2) });
}

// Crafted inputs that once took quadratic time (issue 9): each should take about as long as its size suggests.
const SECRET_HEAD = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\n';
const hostile = [
  ['400 KB key "a.a.a…a "', JSON.stringify({ [`${'a.'.repeat(200000)} `]: 1 }), analyze],
  ['300,000 "{{" in a pull secret', `${SECRET_HEAD}x: ${'{{'.repeat(300000)}\n`, analyzeManifest],
  ['20,000 keys in one YAML map', SECRET_HEAD + Array.from({ length: 20000 }, (_, i) => `k${i}: v`).join('\n') + '\n', analyzeManifest],
].map(([input, text, fn]) => ({ input, bytes: text.length, ms: +best(() => fn(text), 0, 3).toFixed(1) }));

const cli = join(root, 'dist/cli.js');
const cliRuns = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, [cli, 'check', '--format', 'json', largest], { stdio: 'ignore' });
  cliRuns.push(performance.now() - t0);
}
rmSync(dir, { recursive: true, force: true });

const bundleBytes = statSync(join(root, 'dist/extension.js')).size;
let host = {};
const hostBench = join(root, 'test/bench/host.mjs');
if (existsSync(hostBench) && !process.argv.includes('--no-host')) {
  try {
    host = JSON.parse(execFileSync(process.execPath, [hostBench], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop());
  } catch (e) {
    host = { error: String(e.message ?? e).split('\n')[0] };
  }
}

const result = {
  bundleBytes,
  activationMs: host.activationMs ?? null,
  editToDiagnosticsMs: host.editToDiagnosticsMs ?? null,
  analysis,
  hostile,
  cliMs: +Math.min(...cliRuns).toFixed(1),
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`bundle (dist/extension.js)      ${(bundleBytes / 1024).toFixed(1)} KB   (target < 150 KB)`);
  console.log(`activation in the real host     ${result.activationMs ?? 'n/a'} ms   (target < 20 ms)`);
  console.log(`edit to diagnostics (real host) ${result.editToDiagnosticsMs ?? 'n/a'} ms   (target < 250 ms)`);
  console.log(`CLI check, 100,000 registries   ${result.cliMs} ms`);
  console.log('\nregistries      bytes   analyze ms   JSON.parse ms   ratio (target <= 3 at 100,000)');
  for (const a of analysis) {
    console.log(`${String(a.registries).padStart(10)} ${String(a.bytes).padStart(10)} ${a.analyzeMs.toFixed(3).padStart(12)} ${a.jsonParseMs.toFixed(3).padStart(15)} ${a.ratio.toFixed(2).padStart(7)}`);
  }
  console.log('\ncrafted input                        bytes       ms');
  for (const h of hostile) console.log(`${h.input.padEnd(32)} ${String(h.bytes).padStart(9)} ${h.ms.toFixed(1).padStart(8)}`);
  if (host.error) console.log(`\n(real-host numbers unavailable: ${host.error})`);
}
