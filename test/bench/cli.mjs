// The command-line ratios of `npm run bench` (scripts/bench.mjs): each command against its floor or its peer,
// timed as whole processes (spawn to exit, wall clock), the two commands of a ratio alternating run by run so that
// both see the same load; each figure is the median of its runs.
//   treeScanVsRipgrep     check DIR               / rg -l --hidden -e auths -e dockerconfigjson DIR
//   treeScanVsSecretlint  check SUBTREE           / secretlint on the same files (recommended preset)
//   singleFileVsNode      check one small config  / node -e 0
// The children get an explicit environment (PATH /usr/bin:/bin, a temp HOME), never the caller's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './tree.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const RIPGREP = '/usr/bin/rg';
const SECRETLINT = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** One run of a command: wall time in ms, exit status, stdout. Throws when it could not run or was killed. */
function timed(cmd, args, env, okStatus) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`${path.basename(cmd)}: ${r.error.message}`);
  if (!okStatus.includes(r.status)) throw new Error(`${path.basename(cmd)} ${args.join(' ')}: exit status ${r.status ?? r.signal}\n${r.stderr.slice(0, 2000)}`);
  return { ms, stdout: r.stdout };
}

/**
 * A ratio: numerator and denominator run alternately `runs` times (after one untimed warm-up run of each: the file
 * system cache is warm for both); value = median(numerator) / median(denominator).
 */
export function ratio({ target, runs, numerator, denominator }) {
  const times = { n: [], d: [] };
  for (const side of [numerator, denominator]) side.run();
  for (let i = 0; i < runs; i++) {
    // alternate which goes first, so neither always runs right after the other
    const order = i % 2 ? [['d', denominator], ['n', numerator]] : [['n', numerator], ['d', denominator]];
    for (const [k, side] of order) times[k].push(side.run().ms);
  }
  // The ratio of the figures as printed (0.1 ms), so that value = numerator / denominator holds in the report.
  const n = round(median(times.n));
  const d = Math.max(round(median(times.d)), 0.1);
  const value = round(n / d, 2);
  return {
    value, target, pass: value <= target,
    numerator: { what: numerator.what, ms: n },
    denominator: { what: denominator.what, ms: d },
    runs,
  };
}

/** The environment of every child: nothing from the caller's but what node needs. */
export function childEnv(home) {
  return { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1' };
}

/** Which planted credentials a report flags: by kind, `{ kind: { planted, found } }`, and the files flagged in all. */
function tally(planted, flaggedPaths) {
  const byKind = {};
  for (const p of planted) {
    byKind[p.kind] ??= { planted: 0, found: 0 };
    byKind[p.kind].planted++;
    if (flaggedPaths.has(p.path)) byKind[p.kind].found++;
  }
  return { planted: planted.length, found: planted.filter((p) => flaggedPaths.has(p.path)).length, byKind, filesFlagged: flaggedPaths.size };
}

/** Files with a plaintext-credential finding in `check --format json` output, relative to `dir`. */
function checkFlags(stdout, dir) {
  const report = JSON.parse(stdout);
  const flagged = report.files.filter((f) => f.findings?.some((x) => x.rule === 'plaintext-credential'));
  return new Set(flagged.map((f) => path.relative(dir, f.path)));
}

/** Files with any secretlint message in its JSON output (a list of {filePath, messages}), relative to `dir`. */
function secretlintFlags(stdout, dir) {
  const results = JSON.parse(stdout || '[]');
  return new Set(results.filter((r) => r.messages.length > 0).map((r) => path.relative(dir, r.filePath)));
}

/**
 * The tree-scan and single-file ratios, in `work` (a temp dir the caller removes).
 * @param {{work: string, treeFiles?: number, runs?: number, secretlintRuns?: number, progress?: (s: string) => void}} o
 */
export function cliRatios(o) {
  const progress = o.progress ?? (() => {});
  for (const [what, file] of [['dist/cli.js (npm run build)', CLI], ['ripgrep (apt-get install ripgrep)', RIPGREP], ['secretlint (npm ci)', SECRETLINT]]) {
    if (!existsSync(file)) throw new Error(`${what} missing: ${file}`);
  }
  const home = path.join(o.work, 'home');
  mkdirSync(home, { recursive: true });
  const env = childEnv(home);
  const runs = o.runs ?? 5;
  const node = (args, okStatus) => () => timed(process.execPath, args, env, okStatus);

  progress('generating the tree');
  const dir = path.join(o.work, 'tree');
  const tree = generateTree(dir, { files: o.treeFiles });
  const subtree = path.join(dir, tree.subtree);
  const subtreeFiles = tree.subtreeFiles;
  const planted = (inside) => tree.planted.filter((p) => !inside || p.path.startsWith(`${tree.subtree}/`));

  // check: 0 nothing found, 1 findings; rg: 0 matches, 1 none; secretlint: 0 clean, 1 found.
  const check = (target) => ({ what: `check ${target === dir ? 'TREE' : 'SUBTREE'}`, run: node([CLI, 'check', target], [0, 1]) });
  progress(`tree: ${tree.files} files; check vs ripgrep, ${runs} runs`);
  const treeScanVsRipgrep = ratio({
    target: 2.5, runs,
    numerator: check(dir),
    denominator: { what: 'rg -l --hidden -e auths -e dockerconfigjson TREE', run: () => timed(RIPGREP, ['-l', '--hidden', '-e', 'auths', '-e', 'dockerconfigjson', dir], env, [0, 1]) },
  });

  const rc = path.join(o.work, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // its globs skip dot directories (.docker, .github) unless named: the second glob does
  const secretlintArgs = (format) => [SECRETLINT, `${subtree}/**/*`, `${subtree}/**/.*/**/*`, '--secretlintrc', rc, '--no-color', ...(format ? ['--format', format] : [])];
  const secretlintRuns = o.secretlintRuns ?? 3;
  progress(`subtree: ${subtreeFiles} files; check vs secretlint, ${secretlintRuns} runs`);
  const treeScanVsSecretlint = ratio({
    target: 0.2, runs: secretlintRuns,
    numerator: check(subtree),
    denominator: { what: 'secretlint "SUBTREE/**/*" "SUBTREE/**/.*/**/*" (recommended preset)', run: node(secretlintArgs(), [0, 1]) },
  });

  progress(`single file: check vs node -e 0, ${runs * 3} runs`);
  const single = path.join(o.work, 'single', '.docker', 'config.json');
  mkdirSync(path.dirname(single), { recursive: true });
  // a clean config, what a pre-commit hook sees on most commits (mode 0600: no file-permissions finding)
  writeFileSync(single, '{\n\t"auths": {},\n\t"psFormat": "table {{.ID}}\\t{{.Names}}",\n\t"detachKeys": "ctrl-e,e"\n}\n', { mode: 0o600 });
  const singleFileVsNode = ratio({
    target: 1.5, runs: runs * 3,
    numerator: { what: 'check CONFIG (one small, clean Docker config)', run: node([CLI, 'check', single], [0]) },
    denominator: { what: 'node -e 0', run: node(['-e', '0'], [0]) },
  });

  // What each finds of the planted credentials (untimed runs with JSON output).
  const ours = (target) => checkFlags(node([CLI, 'check', '--format', 'json', target], [0, 1])().stdout, dir);
  const finds = {
    tree: { files: tree.files, bytes: tree.bytes, check: tally(planted(false), ours(dir)) },
    subtree: {
      path: tree.subtree, files: subtreeFiles,
      check: tally(planted(true), ours(subtree)),
      secretlint: tally(planted(true), secretlintFlags(node(secretlintArgs('json'), [0, 1])().stdout, dir)),
    },
  };
  return { ratios: { treeScanVsRipgrep, treeScanVsSecretlint, singleFileVsNode }, finds };
}
