// node test/bench/host.mjs [--runs <n>]: the real-host numbers of `npm run bench` (scripts/bench.mjs runs this file).
// Starts code-server and headless Chromium through test/host/runner.mjs on a temp copy of the demo config
// (media/demo) and runs test/bench/host-entry.js in the extension host; see there what is measured and how. Needs the
// built extension (npm run build). Progress goes to stderr; the last line on stdout is one JSON object,
// {"activationMs":..,"editToDiagnosticsMs":..,...}. With --runs n (a fresh editor each time, as activation is
// measured once per start) it reports the median of the runs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runHost } from '../host/runner.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const { values: v } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const runs = Number(v.runs);
if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs: not a count: ${v.runs}`);
if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: npm run build');

const median = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcg-bench-host-'));
const results = [];
// runHost prints the extension host's output and its summary on stdout: to stderr with them, stdout is for the JSON.
const stdoutWrite = process.stdout.write;
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
try {
  for (let i = 0; i < runs; i++) {
    const workspace = path.join(tmp, `run-${i}`);
    mkdirSync(path.join(workspace, '.docker'), { recursive: true });
    copyFileSync(path.join(ROOT, 'media', 'demo', '.docker', 'config.json'), path.join(workspace, '.docker', 'config.json'));
    const resultFile = path.join(tmp, `result-${i}.json`);
    process.env.DCG_BENCH_RESULT = resultFile; // runHost passes its environment on to code-server and the extension host
    const code = await runHost({ extensionTests: path.join(HERE, 'host-entry.js'), workspace, timeoutS: 180 });
    if (code !== 0 || !existsSync(resultFile)) throw new Error(`the bench in the real host failed (exit code ${code})`);
    results.push(JSON.parse(readFileSync(resultFile, 'utf8')));
  }
} finally {
  process.stdout.write = stdoutWrite;
  rmSync(tmp, { recursive: true, force: true });
}

const keys = ['activationMs', 'activationLoadMs', 'activationCallMs', 'activateWallMs', 'openToDiagnosticsMs', 'editToDiagnosticsMs',
  'editToDiagnosticsMinMs', 'editToDiagnosticsMaxMs', 'applyEditMs', 'debounceMs'];
const out = Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))]));
out.runs = runs;
out.editSamples = results.flatMap((r) => r.editSamples).length;
console.log(JSON.stringify(out));
