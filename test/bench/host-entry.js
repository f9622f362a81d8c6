// Tests entry (CommonJS, run() like a mocha entry) that test/bench/host.mjs runs in the real extension host through
// test/host/runner.mjs. It measures, and writes as JSON to DCG_BENCH_RESULT:
//  - activation, from cold (the extension not active, no document open): it calls ext.activate() and reads the
//    extension host's own marks for our extension, code/extHost/{will,did}LoadExtensionCode and
//    {will,did}ActivateExtension (1 ms resolution): activationMs = code loading + the activate() call until it
//    resolved, the sum VS Code's "Running Extensions" view shows. activateWallMs is the whole ext.activate() call as
//    an extension sees it (also the host creating the extension's context).
//  - edit to diagnostics: in the open, visible .docker/config.json of the workspace, a WorkspaceEdit alternately adds
//    and removes an empty registry entry; each sample is the time from applyEdit() until
//    languages.onDidChangeDiagnostics shows our diagnostics with (or without) that entry's empty-auth problem, the
//    linter's debounce (dockerConfigGuard.debounceMs) included. Median of EDITS samples. The extension host fires
//    that event 50 ms after a change (a DebounceEmitter in VS Code 1.100), while the diagnostics go to the editor at
//    once, so a person sees the squiggle about 50 ms sooner than this number says. applyEditMs: until applyEdit()
//    resolved (the editor applied the edit).
'use strict';
const fs = require('fs');
const { performance } = require('perf_hooks');
const vscode = require('vscode');

const ID = 'docker-config-guard.docker-config-guard';
const SOURCE = 'Docker Config Guard';
const EDITS = 20;
const EDIT_TIMEOUT_MS = 10_000;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const round = (x) => Math.round(x * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves with {ms, actionMs}: the time until our diagnostics of `uri` satisfy `ok` (checked on every change event),
 * and until `action`'s promise resolved.
 */
function timeUntilDiagnostics(uri, ok, action) {
  return new Promise((resolve, reject) => {
    let t0, actionMs;
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
    const done = (error) => { sub.dispose(); clearTimeout(timer); if (error) reject(error); else resolve({ ms: performance.now() - t0, actionMs }); };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (t0 !== undefined && e.uris.some((u) => u.toString() === uri.toString()) && ok(ours())) done();
    });
    const timer = setTimeout(() => done(new Error(`no matching diagnostics within ${EDIT_TIMEOUT_MS} ms`)), EDIT_TIMEOUT_MS);
    t0 = performance.now();
    Promise.resolve(action()).then((applied) => {
      actionMs ??= performance.now() - t0;
      if (applied === false) done(new Error('the edit was not applied'));
    }, done);
  });
}

exports.run = async function run() {
  const out = process.env.DCG_BENCH_RESULT;
  if (!out) throw new Error('DCG_BENCH_RESULT must be set (by test/bench/host.mjs)');
  const ext = vscode.extensions.getExtension(ID);
  if (!ext) throw new Error(`extension ${ID} not found`);
  if (ext.isActive) throw new Error('the extension is active already: no cold activation to measure');
  const result = {};

  // (a) Activation from cold.
  const a0 = performance.now();
  await ext.activate();
  result.activateWallMs = round(performance.now() - a0);
  const marks = new Map((globalThis.MonacoPerformanceMarks?.getMarks() ?? []).map((m) => [m.name, m.startTime]));
  const span = (from, to) => {
    const [a, b] = [marks.get(`code/extHost/${from}/${ID}`), marks.get(`code/extHost/${to}/${ID}`)];
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  result.activationLoadMs = span('willLoadExtensionCode', 'didLoadExtensionCode');
  result.activationCallMs = span('willActivateExtension', 'didActivateExtension');
  result.activationMs = result.activationLoadMs !== undefined && result.activationCallMs !== undefined
    ? result.activationLoadMs + result.activationCallMs
    : null; // the host's marks are missing: no honest number
  console.log(`activation: ${result.activationMs} ms (code loading ${result.activationLoadMs} ms, activate() ${result.activationCallMs} ms; ext.activate() as a caller sees it ${result.activateWallMs} ms)`);

  // (b) Edit to diagnostics.
  const files = await vscode.workspace.findFiles('**/.docker/config.json', undefined, 1);
  if (files.length === 0) throw new Error('no .docker/config.json in the workspace');
  const uri = files[0];
  const doc = await vscode.workspace.openTextDocument(uri);
  const shown = timeUntilDiagnostics(uri, (ds) => ds.length > 0, () => vscode.window.showTextDocument(doc));
  result.openToDiagnosticsMs = round((await shown).ms);
  result.debounceMs = vscode.workspace.getConfiguration('dockerConfigGuard', uri).get('debounceMs');
  const anchor = doc.getText().indexOf('"auths": {') + '"auths": {'.length;
  if (anchor < '"auths": {'.length) throw new Error('no "auths": { in the config');
  const samples = [];
  const applied = [];
  for (let i = 0; i < EDITS; i++) {
    const key = `bench-${Math.floor(i / 2)}.example.com`;
    const line = `\n\t\t"${key}": {},`;
    const has = (ds) => ds.some((d) => d.message.includes(`"${key}"`));
    const edit = new vscode.WorkspaceEdit();
    const at = doc.positionAt(anchor);
    if (i % 2 === 0) edit.insert(uri, at, line);
    else edit.delete(uri, new vscode.Range(at, doc.positionAt(anchor + line.length)));
    const t = await timeUntilDiagnostics(uri, i % 2 === 0 ? has : (ds) => ds.length > 0 && !has(ds), () => vscode.workspace.applyEdit(edit));
    samples.push(t.ms);
    if (t.actionMs !== undefined) applied.push(t.actionMs);
    await sleep(30);
  }
  result.editSamples = samples.map(round);
  result.editToDiagnosticsMs = round(median(samples));
  result.editToDiagnosticsMinMs = round(Math.min(...samples));
  result.editToDiagnosticsMaxMs = round(Math.max(...samples));
  result.applyEditMs = applied.length ? round(median(applied)) : null; // of that: the editor applying the edit
  console.log(`edit to diagnostics: median ${result.editToDiagnosticsMs} ms of ${samples.length} edits (min ${result.editToDiagnosticsMinMs}, max ${result.editToDiagnosticsMaxMs}; applyEdit() resolved after ${result.applyEditMs} ms; debounce ${result.debounceMs} ms)`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  fs.writeFileSync(out, JSON.stringify(result));
};
