// Tests entry (CommonJS, run() like a mocha entry) that test/bench/host.mjs runs in the real extension host through
// test/host/runner.mjs. It measures, and writes as JSON to DCG_BENCH_RESULT:
//  - activation of the extension DCG_BENCH_EXTENSION (ours unless set; test/bench/empty-extension for the floor),
//    from cold (not active, no document open): it calls ext.activate() and reads the extension host's own marks for
//    that extension, code/extHost/{will,did}LoadExtensionCode and {will,did}ActivateExtension (1 ms resolution):
//    activationMs = code loading + the activate() call until it resolved, the sum VS Code's "Running Extensions"
//    view shows. activateWallMs is the whole ext.activate() call as an extension sees it (also the host creating
//    the extension's context). With DCG_BENCH_ACTIVATION_ONLY=1 that is all it measures.
//  - edit to diagnostics, ours and the built-in JSON language features' side by side: in the open, visible
//    .docker/config.json of the workspace, a WorkspaceEdit alternately adds and removes an empty registry entry
//    `"bench-N.example.com": {}`. Ours reports empty-auth for it; the JSON language server, given a schema through
//    the workspace's json.schemas setting (host.mjs writes it: a registry entry needs at least one property),
//    reports "fewer properties than the required number". Each sample is the time from applyEdit() until
//    languages.onDidChangeDiagnostics shows that source's diagnostics with (or without) that edit's problem: the same
//    event, the same clock, the same edit for both. Each edit is a single edit: it comes PAUSE_MS after both sources
//    reported on the previous one, a pause longer than the linter's debounce (dockerConfigGuard.debounceMs, 150 ms),
//    as when a user makes one change and looks; ours lints such an edit at once (the debounce's leading edge; in a
//    burst of typing it waits for the trailing edge), the JSON one has its server's validation delay, if any.
//    Medians of EDITS samples. The
//    extension host fires that event 50 ms after a change (a DebounceEmitter in VS Code 1.100) for both alike.
//    applyEditMs: until applyEdit() resolved (the editor applied the edit). Then the same edits once more with
//    dockerConfigGuard.debounceMs set to 0 (editToDiagnosticsNoDebounceMs): how much of ours is the debounce.
'use strict';
const fs = require('fs');
const { performance } = require('perf_hooks');
const vscode = require('vscode');

const OURS = 'docker-config-guard.docker-config-guard';
const SOURCE = 'Docker Config Guard';
// The JSON language features' diagnostics carry no source (VS Code 1.100): on this file, in this host, they are all
// the diagnostics that are not ours (no other extension is installed).
const JSON_SOURCE = undefined;
const EDITS = 20;
const EDIT_TIMEOUT_MS = 15_000;
/** Between edits: longer than the debounce, so that each edit is one edit after a pause, not a burst of typing. */
const PAUSE_MS = 300;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const round = (x) => Math.round(x * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `action` and resolves with {ms: {name: time}, actionMs}: for each name of `wanted` ({name: {source, ok}}), the
 * time until the diagnostics of `uri` from that source satisfy `ok` (checked on every change event of `uri`).
 */
function timeUntilDiagnostics(uri, wanted, action) {
  return new Promise((resolve, reject) => {
    let t0, actionMs;
    const ms = {};
    const of = (source) => vscode.languages.getDiagnostics(uri).filter((d) => (source === SOURCE ? d.source === SOURCE : d.source !== SOURCE));
    const done = (error) => { sub.dispose(); clearTimeout(timer); if (error) reject(error); else resolve({ ms, actionMs }); };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (t0 === undefined || !e.uris.some((u) => u.toString() === uri.toString())) return;
      const now = performance.now() - t0;
      for (const [name, w] of Object.entries(wanted)) if (ms[name] === undefined && w.ok(of(w.source))) ms[name] = now;
      if (Object.keys(wanted).every((name) => ms[name] !== undefined)) done();
    });
    const timer = setTimeout(() => {
      const missing = Object.keys(wanted).filter((name) => ms[name] === undefined);
      const seen = [...new Set(vscode.languages.getDiagnostics(uri).map((d) => d.source))].join(', ');
      done(new Error(`no matching diagnostics within ${EDIT_TIMEOUT_MS} ms from ${missing.join(', ')} (sources seen: ${seen})`));
    }, EDIT_TIMEOUT_MS);
    t0 = performance.now();
    Promise.resolve(action()).then((applied) => {
      actionMs ??= performance.now() - t0;
      if (applied === false) done(new Error('the edit was not applied'));
    }, done);
  });
}

async function activation(id) {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} not found`);
  if (ext.isActive) throw new Error(`${id} is active already: no cold activation to measure`);
  const result = {};
  const a0 = performance.now();
  await ext.activate();
  result.activateWallMs = round(performance.now() - a0);
  const marks = new Map((globalThis.MonacoPerformanceMarks?.getMarks() ?? []).map((m) => [m.name, m.startTime]));
  const span = (from, to) => {
    const [a, b] = [marks.get(`code/extHost/${from}/${id}`), marks.get(`code/extHost/${to}/${id}`)];
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  result.activationLoadMs = span('willLoadExtensionCode', 'didLoadExtensionCode');
  result.activationCallMs = span('willActivateExtension', 'didActivateExtension');
  result.activationMs = result.activationLoadMs !== undefined && result.activationCallMs !== undefined
    ? result.activationLoadMs + result.activationCallMs
    : null; // the host's marks are missing: no honest number
  console.log(`activation of ${id}: ${result.activationMs} ms (code loading ${result.activationLoadMs} ms, activate() ${result.activationCallMs} ms; ext.activate() as a caller sees it ${result.activateWallMs} ms)`);
  return result;
}

exports.run = async function run() {
  const out = process.env.DCG_BENCH_RESULT;
  if (!out) throw new Error('DCG_BENCH_RESULT must be set (by test/bench/host.mjs)');
  const result = { extension: process.env.DCG_BENCH_EXTENSION || OURS };
  Object.assign(result, await activation(result.extension));
  if (process.env.DCG_BENCH_ACTIVATION_ONLY === '1') {
    fs.writeFileSync(out, JSON.stringify(result));
    return;
  }

  const files = await vscode.workspace.findFiles('**/.docker/config.json', undefined, 1);
  if (files.length === 0) throw new Error('no .docker/config.json in the workspace');
  const uri = files[0];
  const doc = await vscode.workspace.openTextDocument(uri);
  // Opening: until both have reported on the file (the JSON language features start here, cold).
  const some = (ds) => ds.length > 0;
  const shown = await timeUntilDiagnostics(uri, { ours: { source: SOURCE, ok: some }, json: { source: JSON_SOURCE, ok: some } },
    () => vscode.window.showTextDocument(doc));
  result.openToDiagnosticsMs = round(shown.ms.ours);
  result.openToJsonDiagnosticsMs = round(shown.ms.json);
  await sleep(1000); // both settled on the opened text
  const jsonNow = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== SOURCE);
  const jsonBase = jsonNow().length;
  console.log(`JSON language features on the opened file: ${jsonBase} problems, e.g. ${JSON.stringify(jsonNow()[0]?.message)}`);
  result.debounceMs = vscode.workspace.getConfiguration('dockerConfigGuard', uri).get('debounceMs');
  const anchor = doc.getText().indexOf('"auths": {') + '"auths": {'.length;
  if (anchor < '"auths": {'.length) throw new Error('no "auths": { in the config');
  /** EDITS edits, alternately inserting and deleting an entry; the samples of both sources and applyEdit()'s times. */
  const editRound = async (prefix) => {
    const samples = { ours: [], json: [], applied: [] };
    for (let i = 0; i < EDITS; i++) {
      const key = `${prefix}-${Math.floor(i / 2)}.example.com`;
      const line = `\n\t\t"${key}": {},`;
      const inserting = i % 2 === 0;
      const has = (ds) => ds.some((d) => d.message.includes(`"${key}"`));
      const edit = new vscode.WorkspaceEdit();
      const at = doc.positionAt(anchor);
      if (inserting) edit.insert(uri, at, line);
      else edit.delete(uri, new vscode.Range(at, doc.positionAt(anchor + line.length)));
      const t = await timeUntilDiagnostics(uri, {
        ours: { source: SOURCE, ok: inserting ? has : (ds) => ds.length > 0 && !has(ds) },
        // the JSON server's message names no key: one more problem than before the insert, or as many as before
        json: { source: JSON_SOURCE, ok: (ds) => ds.length === jsonBase + (inserting ? 1 : 0) },
      }, () => vscode.workspace.applyEdit(edit));
      samples.ours.push(t.ms.ours);
      samples.json.push(t.ms.json);
      if (t.actionMs !== undefined) samples.applied.push(t.actionMs);
      await sleep(PAUSE_MS);
    }
    return samples;
  };
  const samples = await editRound('bench');
  const applied = samples.applied;
  // The same edits again with dockerConfigGuard.debounceMs 0 (a workspace setting): how much of ours is the debounce.
  await vscode.workspace.getConfiguration('dockerConfigGuard').update('debounceMs', 0, vscode.ConfigurationTarget.Workspace);
  await sleep(1000); // the setting reached the linter, which linted again
  const undebounced = await editRound('nodebounce');
  result.editToDiagnosticsNoDebounceMs = round(median(undebounced.ours));
  result.editToJsonDiagnosticsNoDebounceMs = round(median(undebounced.json));
  console.log(`with debounceMs 0: ours median ${result.editToDiagnosticsNoDebounceMs} ms, JSON language features ${result.editToJsonDiagnosticsNoDebounceMs} ms`);
  result.editSamples = samples.ours.map(round);
  result.jsonEditSamples = samples.json.map(round);
  result.editToDiagnosticsMs = round(median(samples.ours));
  result.editToDiagnosticsMinMs = round(Math.min(...samples.ours));
  result.editToDiagnosticsMaxMs = round(Math.max(...samples.ours));
  result.editToJsonDiagnosticsMs = round(median(samples.json));
  result.applyEditMs = applied.length ? round(median(applied)) : null; // of that: the editor applying the edit
  console.log(`edit to diagnostics: ours median ${result.editToDiagnosticsMs} ms, JSON language features ${result.editToJsonDiagnosticsMs} ms, of ${EDITS} edits (ours min ${result.editToDiagnosticsMinMs}, max ${result.editToDiagnosticsMaxMs}; applyEdit() resolved after ${result.applyEditMs} ms; our debounce ${result.debounceMs} ms)`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  fs.writeFileSync(out, JSON.stringify(result));
};
