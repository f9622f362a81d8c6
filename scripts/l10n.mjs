// Collects every user-facing string of the extension and the CLI (calls of t('...') and
// vscode.l10n.t('...') in src/) into l10n/bundle.l10n.json, the English source of the
// catalogue, and checks that each translation has the same keys and placeholders.
//   node scripts/l10n.mjs          write l10n/bundle.l10n.json, report missing translations
//   node scripts/l10n.mjs --check  exit 1 when a translation misses a string, has an unused one, or other placeholders
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

/** String literals passed first to t( or l10n.t( (single or double quoted). */
export function extract(source) {
  const out = [];
  const re = /\bt\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const lit = m[1];
    const body = lit.slice(1, -1).replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', '\\': '\\' })[c] ?? c);
    out.push(body);
  }
  return out;
}

const placeholders = (s) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

const keys = new Set();
for (const f of files(join(root, 'src'))) for (const k of extract(readFileSync(f, 'utf8'))) keys.add(k);
const sorted = [...keys].sort();
const english = Object.fromEntries(sorted.map((k) => [k, k]));
const enPath = join(root, 'l10n/bundle.l10n.json');
const enText = JSON.stringify(english, null, 2) + '\n';
let problems = 0;
if (!check) writeFileSync(enPath, enText); // generated for translators; not kept in git

const LANGUAGES = ['zh-cn'];
for (const lang of LANGUAGES) {
  if (!readdirSync(join(root, 'l10n')).includes(`bundle.l10n.${lang}.json`)) {
    console.error(`l10n/bundle.l10n.${lang}.json is missing`);
    problems++;
  }
}
for (const name of readdirSync(join(root, 'l10n'))) {
  const m = /^bundle\.l10n\.(.+)\.json$/.exec(name);
  if (!m) continue;
  const tr = JSON.parse(readFileSync(join(root, 'l10n', name), 'utf8'));
  const missing = sorted.filter((k) => !(k in tr));
  const extra = Object.keys(tr).filter((k) => !keys.has(k));
  const bad = sorted.filter((k) => k in tr && placeholders(k) !== placeholders(tr[k]));
  for (const k of missing) console.error(`${name}: missing ${JSON.stringify(k)}`);
  for (const k of extra) console.error(`${name}: not used any more ${JSON.stringify(k)}`);
  for (const k of bad) console.error(`${name}: placeholders differ in ${JSON.stringify(k)}`);
  problems += missing.length + extra.length + bad.length;
}
console.log(`${sorted.length} strings; ${problems} problem(s)`);
process.exitCode = check && problems ? 1 : 0;
