// Experiment for issue 5, "Language and grammar": variant A (shipped: .docker/config.json stays `json`, our grammar
// is injected into source.json) against variant B (a `docker-config` language that keeps VS Code's JSON features
// through the `jsonLanguageParticipants` contribution), both measured in the real editor (test/host/runner.mjs).
//   node test/experiments/language-variant.mjs [--variants B,B0,A] [--markdown <file>]
//   A   the shipped package.json, unchanged
//   B   package.json changed to variant B, and the copied dist/extension.js's provider selector patched to include
//       docker-config (src/extension.ts registers hover and code actions for json/jsonc only)
//   B0  variant B manifest with the bundle unpatched: what breaks when only the manifest changes
// Each variant runs on a temp copy of the extension and a temp workspace; nothing in the repo changes. A failing
// check is a result, not an error: the process exits 0 when every run produced results, else 1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runHost } from '../host/runner.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const ENTRY = path.join(HERE, 'language-variant/index.js');
const COPY = ['package.json', 'dist', 'schemas', 'syntaxes', 'media', 'l10n', 'package.nls.json', 'package.nls.zh-cn.json'];
const SELECTOR = 'const selector = [{ language: "json" }, { language: "jsonc" }];';
const VARIANTS = {
  A: { lang: 'json', title: 'A: json + injection (shipped)' },
  B: { lang: 'docker-config', title: 'B: docker-config + participant, selector patched' },
  B0: { lang: 'docker-config', title: 'B0: docker-config + participant, bundle unchanged' },
};

/** Variant B's manifest, from the shipped one. */
export function variantB(pkg) {
  const p = structuredClone(pkg);
  p.activationEvents = [...p.activationEvents, 'onLanguage:docker-config'];
  p.contributes.languages = [{
    id: 'docker-config',
    aliases: ['Docker config', 'docker-config'],
    filenamePatterns: ['**/.docker/config.json'],
    configuration: './syntaxes/docker-config.language-configuration.json',
    icon: { light: './media/file-icon.svg', dark: './media/file-icon.svg' },
  }];
  p.contributes.grammars = [{ language: 'docker-config', scopeName: 'source.docker-config', path: './syntaxes/docker-config.tmLanguage.json' }];
  p.contributes.jsonLanguageParticipants = [{ languageId: 'docker-config' }];
  // jsonValidation stays as it is: the schema is associated by file name, whatever the language.
  for (const m of p.contributes.menus?.commandPalette ?? []) {
    if (m.when?.includes('editorLangId == json')) m.when += ' || editorLangId == docker-config';
  }
  return p;
}

function makeCopy(variant) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dcg-lv-ext-${variant}-`));
  for (const f of COPY) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  const notes = [];
  if (variant !== 'A') {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(variantB(pkg), null, 2)}\n`);
  }
  if (variant === 'B') {
    const bundle = path.join(dir, 'dist/extension.js');
    const js = readFileSync(bundle, 'utf8');
    if (!js.includes(SELECTOR)) throw new Error(`the selector to patch is not in dist/extension.js (a minified build?): ${SELECTOR}`);
    writeFileSync(bundle, js.replace(SELECTOR, 'const selector = [{ language: "json" }, { language: "jsonc" }, { language: "docker-config" }];'));
    notes.push('selector patched');
  }
  return { dir, notes };
}

function makeWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcg-lv-ws-'));
  mkdirSync(path.join(dir, '.vscode'));
  writeFileSync(path.join(dir, '.vscode/settings.json'), JSON.stringify({ 'dockerConfigGuard.files': ['**/custom/auth.json'] }, null, 2));
  return dir;
}

async function runVariant(variant) {
  const { dir } = makeCopy(variant);
  const workspace = makeWorkspace();
  const out = path.join(os.tmpdir(), `dcg-lv-results-${variant}-${process.pid}.json`);
  rmSync(out, { force: true });
  Object.assign(process.env, { DCG_LV_OUT: out, DCG_LV_LANG: VARIANTS[variant].lang }); // runHost passes its env on
  console.error(`[lv] variant ${VARIANTS[variant].title}`);
  try {
    const code = await runHost({ extensionTests: ENTRY, workspace, extensionDevelopmentPath: dir, timeoutS: 420 });
    const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
    return { variant, code, results };
  } finally {
    for (const d of [dir, workspace, out]) rmSync(d, { recursive: true, force: true });
  }
}

function table(runs) {
  const ids = [];
  const titles = {};
  for (const r of runs) for (const c of r.results ?? []) if (!ids.includes(c.id)) { ids.push(c.id); titles[c.id] = c.title.replace(/^\([^)]+\)\s*/, ''); }
  const cell = (r, id) => {
    const c = (r.results ?? []).find((x) => x.id === id);
    if (!c) return r.results ? 'n/a' : 'run failed';
    const d = c.detail.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 90);
    if (c.ok === null) return 'n/a';
    return `${c.ok ? 'pass' : 'FAIL'}${d ? `: ${d}` : ''}`;
  };
  const head = `| check | ${runs.map((r) => VARIANTS[r.variant].title).join(' | ')} |`;
  const rule = `|---|${runs.map(() => '---').join('|')}|`;
  const rows = ids.map((id) => `| (${id}) ${titles[id]} | ${runs.map((r) => cell(r, id)).join(' | ')} |`);
  const totals = `| **passed** | ${runs.map((r) => (r.results ? `${r.results.filter((c) => c.ok).length}/${r.results.filter((c) => c.ok !== null).length}` : 'run failed')).join(' | ')} |`;
  return [head, rule, ...rows, totals].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: v } = parseArgs({ options: { variants: { type: 'string', default: 'B,B0,A' }, markdown: { type: 'string' } } });
  const variants = v.variants.split(',').map((s) => s.trim()).filter(Boolean);
  for (const x of variants) if (!VARIANTS[x]) { console.error(`unknown variant ${x} (have ${Object.keys(VARIANTS).join(', ')})`); process.exit(2); }
  const runs = [];
  for (const x of variants) runs.push(await runVariant(x)); // one editor at a time
  const md = table(runs);
  console.log(`\n${md}\n`);
  if (v.markdown) writeFileSync(v.markdown, `${md}\n`);
  const broken = runs.filter((r) => !r.results);
  for (const r of broken) console.error(`[lv] variant ${r.variant}: the run produced no results (runner exit ${r.code})`);
  process.exit(broken.length ? 1 : 0);
}
