// The text report of `npm run bench` (scripts/bench.mjs without --json): the ratios first, each with its target,
// whether it is within it, both absolute figures and the number of runs; then what each scanner found of the planted
// credentials, the sizes and the stress cases.
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const ms = (x) => (typeof x === 'number' ? `${x.toFixed(1)} ms` : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function printText(r) {
  const out = (s = '') => console.log(s);
  out('Ratios: median / median, the two commands of a ratio alternating in this run (lower is better)');
  out(`${pad('ratio', 35)}${lpad('value', 7)}  ${pad('target', 8)}${pad('result', 8)}${lpad('numerator', 12)}${lpad('denominator', 13)}  runs`);
  for (const [name, x] of Object.entries(r.ratios)) {
    if (x.value === null) {
      out(`${pad(name, 35)}${lpad('n/a', 7)}  ${pad(x.target === undefined ? '' : `<= ${x.target}`, 8)}(${x.reason ?? 'a figure is missing'})`);
      continue;
    }
    const runs = x.hostRuns ? `${x.runs} edits in ${x.hostRuns} editor runs` : x.runs;
    out(`${pad(name, 35)}${lpad(x.value.toFixed(2), 7)}  ${pad(`<= ${x.target}`, 8)}${pad(x.pass ? 'pass' : 'OVER', 8)}${lpad(ms(x.numerator.ms), 12)}${lpad(ms(x.denominator.ms), 13)}  ${runs}`);
  }
  out();
  for (const [name, x] of Object.entries(r.ratios)) {
    if (x.numerator) out(`  ${name}:\n    ${x.numerator.what}\n    / ${x.denominator.what}`);
  }
  const nd = r.ratios.diagnosticsVsJsonLanguageFeatures?.withoutDebounce;
  if (nd) out(`  edit to diagnostics with dockerConfigGuard.debounceMs 0: ours ${ms(nd.oursMs)}, JSON language features ${ms(nd.jsonMs)}`);
  const act = r.ratios.activationVsEmptyExtension?.detail;
  if (act) {
    out(`  activation in detail: ours ${ms(act.ours.loadMs)} loading + ${ms(act.ours.activateMs)} activate() (ext.activate() seen by a caller ${ms(act.ours.wallMs)}); ` +
      `empty ${ms(act.empty.loadMs)} + ${ms(act.empty.activateMs)} (${ms(act.empty.wallMs)})`);
  }

  const f = r.finds;
  out();
  out(`Generated tree: ${f.tree.files} files, ${kb(f.tree.bytes)}; subtree ${f.subtree.path}: ${f.subtree.files} files`);
  out('Planted Docker credentials found (files flagged / planted):');
  const kinds = Object.keys(f.tree.check.byKind);
  out(`  ${pad('kind', 20)}${lpad('check TREE', 12)}${lpad('check SUBTREE', 15)}${lpad('secretlint SUBTREE', 20)}`);
  const cell = (t, k) => (t.byKind[k] ? `${t.byKind[k].found}/${t.byKind[k].planted}` : '0/0');
  for (const k of kinds) out(`  ${pad(k, 20)}${lpad(cell(f.tree.check, k), 12)}${lpad(cell(f.subtree.check, k), 15)}${lpad(cell(f.subtree.secretlint, k), 20)}`);
  out(`  ${pad('all', 20)}${lpad(`${f.tree.check.found}/${f.tree.check.planted}`, 12)}${lpad(`${f.subtree.check.found}/${f.subtree.check.planted}`, 15)}${lpad(`${f.subtree.secretlint.found}/${f.subtree.secretlint.planted}`, 20)}`);
  out(`  files flagged in all: check ${f.tree.check.filesFlagged} (tree), ${f.subtree.check.filesFlagged} (subtree); secretlint ${f.subtree.secretlint.filesFlagged} (subtree)`);

  out();
  out('Sizes (no target)');
  for (const [file, bytes] of Object.entries(r.sizes)) out(`  ${pad(file === 'vsix' ? 'VSIX' : file, 20)}${lpad(kb(bytes), 10)}   ${bytes} bytes`);

  if (r.stress) {
    out();
    out('Stress cases (no target: each must finish, in time linear in its size)');
    out(`  ${lpad('registries', 10)}${lpad('bytes', 11)}${lpad('analyze ms', 13)}${lpad('JSON.parse ms', 15)}${lpad('µs/registry', 13)}`);
    for (const a of r.stress.registries) {
      out(`  ${lpad(a.registries, 10)}${lpad(a.bytes, 11)}${lpad(a.analyzeMs.toFixed(3), 13)}${lpad(a.jsonParseMs.toFixed(3), 15)}${lpad(a.usPerRegistry.toFixed(2), 13)}`);
    }
    out(`  check (CLI) on 100,000 registries: ${ms(r.stress.cli100000RegistriesMs)}`);
    out(`  ${pad('crafted input', 32)}${lpad('bytes', 9)}${lpad('ms', 9)}`);
    for (const h of r.stress.crafted) out(`  ${pad(h.input, 32)}${lpad(h.bytes, 9)}${lpad(h.ms.toFixed(1), 9)}`);
  }
}
