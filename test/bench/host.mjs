// node test/bench/host.mjs [--runs <n>]: the real-host figures of `npm run bench` (scripts/bench.mjs runs this file).
// Each run starts code-server and headless Chromium twice through test/host/runner.mjs, on fresh temp copies of the
// same workspace (the demo config, media/demo, and a json.schemas setting for the built-in JSON language features):
//  - with our extension: its activation, then edit-to-diagnostics for ours and for the JSON language features;
//  - with test/bench/empty-extension (activate() does nothing, the same activation events): its activation.
// The two starts alternate which goes first from run to run. test/bench/host-entry.js says what is measured and how.
// Needs the built extension (npm run build). Progress goes to stderr; the last line on stdout is one JSON object,
// {"ours": {...medians}, "empty": {...medians}, "runs": n, "editSamples": n}: medians over the runs (activation is
// measured once per start), edit times the median of all edits of all runs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runHost } from '../host/runner.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const EMPTY_EXTENSION = path.join(HERE, 'empty-extension');
const EMPTY_ID = 'dcg-bench.empty-extension';

/** The schema the JSON language features check the config against: a registry entry needs a property. */
const JSON_SCHEMAS = [{
  fileMatch: ['**/.docker/config.json'],
  schema: { type: 'object', properties: { auths: { type: 'object', additionalProperties: { type: 'object', minProperties: 1 } } } },
}];

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round(((s[s.length / 2 - 1] + s[s.length / 2]) / 2) * 10) / 10;
};

async function start(tmp, name, extensionDevelopmentPath, env) {
  const workspace = path.join(tmp, name);
  mkdirSync(path.join(workspace, '.docker'), { recursive: true });
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  copyFileSync(path.join(ROOT, 'media', 'demo', '.docker', 'config.json'), path.join(workspace, '.docker', 'config.json'));
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'json.schemas': JSON_SCHEMAS }, null, 2));
  const resultFile = path.join(tmp, `${name}.json`);
  // runHost passes its environment on to code-server and the extension host
  Object.assign(process.env, { DCG_BENCH_RESULT: resultFile, DCG_BENCH_EXTENSION: '', DCG_BENCH_ACTIVATION_ONLY: '' }, env);
  const code = await runHost({ extensionTests: path.join(HERE, 'host-entry.js'), workspace, extensionDevelopmentPath, timeoutS: 240 });
  if (code !== 0 || !existsSync(resultFile)) throw new Error(`the bench in the real host failed (${name}, exit code ${code})`);
  return JSON.parse(readFileSync(resultFile, 'utf8'));
}

/** Runs the host `runs` times (two starts each) and returns the medians. */
export async function hostFigures(runs) {
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--host-runs: not a count: ${runs}`);
  if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: npm run build');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcg-bench-host-'));
  const ours = [];
  const empty = [];
  // runHost prints the extension host's output and its summary on stdout: to stderr with them, stdout is for the JSON.
  const stdoutWrite = process.stdout.write;
  process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
  try {
    for (let i = 0; i < runs; i++) {
      const startOurs = async () => ours.push(await start(tmp, `ours-${i}`, ROOT, {}));
      const startEmpty = async () => empty.push(await start(tmp, `empty-${i}`, EMPTY_EXTENSION, { DCG_BENCH_EXTENSION: EMPTY_ID, DCG_BENCH_ACTIVATION_ONLY: '1' }));
      for (const s of i % 2 ? [startEmpty, startOurs] : [startOurs, startEmpty]) await s();
    }
  } finally {
    process.stdout.write = stdoutWrite;
    rmSync(tmp, { recursive: true, force: true });
  }
  const medians = (results, keys) => Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))]));
  const activationKeys = ['activationMs', 'activationLoadMs', 'activationCallMs', 'activateWallMs'];
  const oursOut = medians(ours, [...activationKeys, 'openToDiagnosticsMs', 'openToJsonDiagnosticsMs', 'applyEditMs', 'debounceMs']);
  oursOut.editToDiagnosticsMs = median(ours.flatMap((r) => r.editSamples));
  oursOut.editToJsonDiagnosticsMs = median(ours.flatMap((r) => r.jsonEditSamples));
  oursOut.editToDiagnosticsNoDebounceMs = median(ours.map((r) => r.editToDiagnosticsNoDebounceMs));
  oursOut.editToJsonDiagnosticsNoDebounceMs = median(ours.map((r) => r.editToJsonDiagnosticsNoDebounceMs));
  return {
    ours: oursOut,
    empty: medians(empty, activationKeys),
    runs,
    editSamples: ours.flatMap((r) => r.editSamples).length,
    perRun: { ours: ours.map(({ editSamples, jsonEditSamples, ...r }) => r), empty },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: v } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  console.log(JSON.stringify(await hostFigures(Number(v.runs))));
}
