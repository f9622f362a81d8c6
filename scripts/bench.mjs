// npm run bench [-- --json] [-- options]: numbers, not a test. Each figure users feel is measured against its floor or
// its peer in the same run and reported as a ratio, with both absolute figures beside it (test/bench/ says how):
//   activationVsEmptyExtension         our activation in the real host / an extension whose activate() does nothing
//   diagnosticsVsJsonLanguageFeatures  edit to our diagnostics / the same edit to the built-in JSON schema diagnostics
//   treeScanVsRipgrep                  check TREE (a generated repository, 17,000 files) / rg -l
//   treeScanVsSecretlint               check SUBTREE / secretlint with its recommended preset, same subtree
//   singleFileVsNode                   check one small config / node -e 0
// Also absolute sizes (bundles, VSIX) and stress cases without a target (100,000 registries, crafted inputs:
// they must stay linear and finish). Options:
//   --json             one JSON object on stdout ({ratios, finds, sizes, stress, host}); progress on stderr
//   --no-host          no real-editor figures (their ratios are null, with the reason)
//   --host-runs N      editor starts per extension (default 5)
//   --runs N           runs of each command-line ratio (default 5; single-file 3N; secretlint --secretlint-runs, 3)
//   --tree-files N     size of the generated tree (default 17000)
//   --no-vsix          skip packaging the VSIX for its size
//   --no-stress        skip the stress cases
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliRatios, CLI } from '../test/bench/cli.mjs';
import { FULL_TREE_FILES } from '../test/bench/tree.mjs';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const { values: opt } = parseArgs({
  options: {
    json: { type: 'boolean' }, 'no-host': { type: 'boolean' }, 'host-runs': { type: 'string', default: '5' },
    runs: { type: 'string', default: '5' }, 'secretlint-runs': { type: 'string', default: '3' },
    'tree-files': { type: 'string', default: String(FULL_TREE_FILES) }, 'no-vsix': { type: 'boolean' }, 'no-stress': { type: 'boolean' },
  },
});
const count = (name) => {
  const n = Number(opt[name]);
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`--${name}: not a count: ${opt[name]}`);
  return n;
};
const progress = (s) => console.error(`[bench] ${s}`);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

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

/** Stress cases: no target, but each must finish and take about as long as its size suggests. */
function stress(work) {
  const { analyze, analyzeManifest } = require(join(root, 'out/src/core/index.js'));
  const config = (n) => {
    const auths = {};
    for (let i = 0; i < n; i++) auths[`registry-${i}.example.com:5000`] = i % 3 === 0 ? {} : { auth: Buffer.from(`user${i}:password-${i}`).toString('base64') };
    return JSON.stringify({ auths, credHelpers: { 'gcr.io': 'gcloud' } }, null, '\t');
  };
  const registries = [];
  let largest;
  for (const n of [10, 1000, 100000]) {
    const text = config(n);
    if (n === 100000) writeFileSync((largest = join(work, 'config.json')), text);
    const analyzeMs = best(() => analyze(text));
    const jsonParseMs = best(() => JSON.parse(text));
    registries.push({ registries: n, bytes: text.length, analyzeMs: round(analyzeMs, 3), jsonParseMs: round(jsonParseMs, 3), usPerRegistry: round((analyzeMs * 1000) / n, 2) });
  }
  // Crafted inputs that once took quadratic time (issue 9).
  const SECRET_HEAD = 'kind: Secret\ntype: kubernetes.io/dockerconfigjson\n';
  const crafted = [
    ['400 KB key "a.a.a…a "', JSON.stringify({ [`${'a.'.repeat(200000)} `]: 1 }), analyze],
    ['300,000 "{{" in a pull secret', `${SECRET_HEAD}x: ${'{{'.repeat(300000)}\n`, analyzeManifest],
    ['20,000 keys in one YAML map', SECRET_HEAD + Array.from({ length: 20000 }, (_, i) => `k${i}: v`).join('\n') + '\n', analyzeManifest],
  ].map(([input, text, fn]) => ({ input, bytes: text.length, ms: round(best(() => fn(text), 0, 3)) }));
  const cliRuns = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', largest], { stdio: 'ignore' });
    if (r.status !== 1) throw new Error(`check on 100,000 registries: exit status ${r.status ?? r.signal}, expected 1 (findings)`);
    cliRuns.push(performance.now() - t0);
  }
  return { registries, crafted, cli100000RegistriesMs: round(Math.min(...cliRuns)) };
}

function sizes(work) {
  const out = Object.fromEntries(['extension', 'editor', 'cli', 'yaml'].map((f) => [`dist/${f}.js`, statSync(join(root, `dist/${f}.js`)).size]));
  if (!opt['no-vsix']) {
    progress('packaging the VSIX for its size');
    const vsix = join(work, 'docker-config-guard.vsix');
    execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    out.vsix = statSync(vsix).size;
  }
  return out;
}

/** The two real-editor ratios from test/bench/host.mjs's figures, or null values with the reason. */
async function hostRatios() {
  const none = (reason) => ({ value: null, reason });
  if (opt['no-host']) return { ratios: { activationVsEmptyExtension: none('--no-host'), diagnosticsVsJsonLanguageFeatures: none('--no-host') } };
  let h;
  try {
    const { hostFigures } = await import('../test/bench/host.mjs');
    progress(`real editor: ${count('host-runs')} run(s) of two editor starts each (ours, the empty extension)`);
    h = await hostFigures(count('host-runs'));
  } catch (e) {
    const reason = `real-host figures unavailable: ${String(e?.message ?? e).split('\n')[0]}`;
    return { ratios: { activationVsEmptyExtension: none(reason), diagnosticsVsJsonLanguageFeatures: none(reason) } };
  }
  /** A ratio of two {what, ms}; no value when a figure is missing (the host's marks were absent). */
  const pair = (target, n, d, runs, extra) => {
    const value = typeof n.ms === 'number' && d.ms ? round(n.ms / d.ms, 2) : null;
    return { value, target, pass: value === null ? null : value <= target, numerator: n, denominator: d, runs, ...extra };
  };
  return {
    ratios: {
      activationVsEmptyExtension: pair(1.5,
        { what: 'our activation: code loading + activate() (extension host marks)', ms: h.ours.activationMs },
        { what: 'empty extension: the same, same activation events, same host', ms: h.empty.activationMs }, h.runs, {
          detail: { ours: { loadMs: h.ours.activationLoadMs, activateMs: h.ours.activationCallMs, wallMs: h.ours.activateWallMs },
            empty: { loadMs: h.empty.activationLoadMs, activateMs: h.empty.activationCallMs, wallMs: h.empty.activateWallMs } },
        }),
      diagnosticsVsJsonLanguageFeatures: pair(1.0,
        { what: `a single edit (after a pause) to our diagnostics (debounce ${h.ours.debounceMs} ms: leading edge)`, ms: h.ours.editToDiagnosticsMs },
        { what: 'the same edit to the JSON language features\' schema diagnostics', ms: h.ours.editToJsonDiagnosticsMs },
        h.editSamples, {
          hostRuns: h.runs,
          // the same edits with dockerConfigGuard.debounceMs 0: how much of ours is the debounce (medians of the runs' medians)
          withoutDebounce: { oursMs: h.ours.editToDiagnosticsNoDebounceMs, jsonMs: h.ours.editToJsonDiagnosticsNoDebounceMs },
        }),
    },
    host: h,
  };
}

const work = mkdtempSync(join(tmpdir(), 'dcg-bench-'));
let result;
try {
  const stressCases = opt['no-stress'] ? null : (progress('stress cases (no target)'), stress(work));
  const size = sizes(work);
  const cli = cliRatios({ work, treeFiles: count('tree-files'), runs: count('runs'), secretlintRuns: count('secretlint-runs'), progress });
  const host = await hostRatios();
  const ratios = {
    activationVsEmptyExtension: host.ratios.activationVsEmptyExtension,
    diagnosticsVsJsonLanguageFeatures: host.ratios.diagnosticsVsJsonLanguageFeatures,
    ...cli.ratios,
  };
  result = { ratios, finds: cli.finds, sizes: size, stress: stressCases, ...(host.host ? { host: host.host } : {}) };
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (opt.json) {
  console.log(JSON.stringify(result));
} else {
  const { printText } = await import('../test/bench/report.mjs');
  printText(result);
}
