/**
 * Owns the diagnostics of Docker config files: lints on open, on change (at once after a pause, then debounced while
 * typing continues: scheduler.ts), on settings change; clears on close. Keeps the latest analysis per document for
 * hovers and code actions.
 * Live findings (credential helpers asked, see live.ts) are merged into the same diagnostics.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import * as path from 'path';
import { analyze, Analysis, analyzeDockercfg, analyzeManifest, ContextStore, Finding, hostFacts, HostFacts, helperOnPathOnce, ManifestAnalysis, messageOf, printable, readContexts, ruleDocUrl, Severity, tagsOf } from '../core';
import { rangeOf } from './edits';
import { LiveChecks } from './live';
import { configProfile, isDockercfg, isDockerConfig, isLinted, isPullSecretManifest } from './selector';
import { log } from './log';
import { LintScheduler } from './scheduler';
import { readSettings, RuleSetting, SECTION } from './settings';

export const DIAGNOSTIC_SOURCE = 'Docker Config Guard';

interface Entry {
  version: number;
  analysis: Analysis;
}

export class ConfigLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('docker-config-guard');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** The documents being edited, by key, for the scheduler's trailing lint. */
  private readonly changing = new Map<string, vscode.TextDocument>();
  private readonly scheduler = new LintScheduler<string>((key) => {
    const document = this.changing.get(key);
    if (document && !document.isClosed) this.lint(document);
  });
  private readonly cache = new Map<string, Entry>();
  /** YAML manifests with pull secrets: their analysis per version. */
  private readonly manifests = new Map<string, { version: number; manifest: ManifestAnalysis }>();
  /** What the text does not tell: a UTF-8 BOM on disk (VS Code hides it), the file's mode (POSIX). */
  private readonly facts = new Map<string, FileFacts>();
  /** Whether docker-credential-<name> is on PATH, and helper-not-found's facts about this machine: each looked up on
   * first use, and again after a save or a refresh (machineFactsChanged). */
  private helperOnPath = helperOnPathOnce();
  private host: HostFacts = hostFacts();
  private readonly live = new LiveChecks((d) => this.lint(d));

  constructor() {
    this.disposables.push(
      this.live,
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d, true)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.open(d, true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.lintAll(e.affectsConfiguration(`${SECTION}.liveChecks`));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.lintAll(true)),
    );
    // The documents already open are linted right after activation, not during it.
    const first = setTimeout(() => this.lintAll(true), 0);
    this.disposables.push({ dispose: () => clearTimeout(first) });
  }

  /** Lints every open Docker config; with `runHelpers`, also asks the helpers again. */
  lintAll(runHelpers = false): void {
    for (const d of vscode.workspace.textDocuments) this.open(d, runHelpers);
  }

  /** Reads the file facts and asks the credential helpers again (the refresh command). */
  async refresh(document: vscode.TextDocument): Promise<void> {
    this.machineFactsChanged();
    await this.readFacts(document);
    await this.live.refresh(document, this.analysisOf(document));
  }

  /** The analysis of the document's current text (cached per version). */
  analysisOf(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const started = performance.now();
    const facts = this.facts.get(key);
    const profile = configProfile(document);
    const analysis = isDockercfg(document)
      ? analyzeDockercfg(document.getText(), { bom: facts?.bom, fileMode: facts?.mode })
      : analyze(document.getText(), { bom: facts?.bom, fileMode: facts?.mode, contexts: facts?.contexts, now: Date.now(), helperOnPath: this.helperOnPath, host: this.host, profile });
    this.cache.set(key, { version: document.version, analysis });
    log.debug(`analysed ${document.uri.fsPath} (version ${document.version}): ${analysis.findings.length} finding(s) in ${(performance.now() - started).toFixed(1)} ms`);
    return analysis;
  }

  /** The pull secrets of a YAML manifest and their findings (cached per version). */
  manifestOf(document: vscode.TextDocument): ManifestAnalysis {
    const key = document.uri.toString();
    const hit = this.manifests.get(key);
    if (hit && hit.version === document.version) return hit.manifest;
    const manifest = analyzeManifest(document.getText());
    this.manifests.set(key, { version: document.version, manifest });
    return manifest;
  }

  /** The findings of the current text: the analysis and the live findings. */
  findingsOf(document: vscode.TextDocument): Finding[] {
    if (isPullSecretManifest(document)) return this.manifestOf(document).findings;
    const analysis = this.analysisOf(document);
    const live = this.live.findingsFor(document, analysis);
    return live.length ? [...analysis.findings, ...live] : analysis.findings;
  }

  /** The docker contexts next to the document's file (for the hover), when read. */
  contextsOf(document: vscode.TextDocument): ContextStore | undefined {
    return this.facts.get(document.uri.toString())?.contexts;
  }

  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const rule = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const offset = document.offsetAt(diagnostic.range.start);
    return this.findingsOf(document).find((f) => f.rule === rule && f.offset === offset);
  }

  private machineFactsChanged(): void {
    this.helperOnPath = helperOnPathOnce();
    this.host = hostFacts();
  }

  private open(document: vscode.TextDocument, runHelpers = false): void {
    if (isPullSecretManifest(document)) return this.lint(document);
    if (!isDockerConfig(document) && !isDockercfg(document)) {
      this.forget(document.uri);
      return;
    }
    if (runHelpers) {
      this.machineFactsChanged();
    }
    this.lint(document);
    void this.readFacts(document).then(async () => {
      if (runHelpers && !document.isClosed) await this.live.refresh(document, this.analysisOf(document));
    });
  }

  /** Reads the BOM and the mode from disk; lints again when they changed. */
  private async readFacts(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const facts: FileFacts = { bom: false };
    try {
      const bytes = await vscode.workspace.fs.readFile(document.uri);
      facts.bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      if (document.uri.scheme === 'file' && process.platform !== 'win32') facts.mode = (await fs.promises.stat(document.uri.fsPath)).mode & 0o777;
      if (document.uri.scheme === 'file' && path.basename(document.uri.fsPath) === 'config.json') facts.contexts = readContexts(path.dirname(document.uri.fsPath));
    } catch {
      return; // untitled or unreadable: nothing to learn
    }
    const old = this.facts.get(key);
    if (old?.bom === facts.bom && old?.mode === facts.mode && JSON.stringify(old?.contexts) === JSON.stringify(facts.contexts)) return;
    this.facts.set(key, facts);
    this.cache.delete(key);
    if (!document.isClosed) this.lint(document);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!isLinted(document)) {
      if (this.manifests.has(key)) this.forget(document.uri); // the last pull secret was edited away
      return;
    }
    this.changing.set(key, document);
    this.scheduler.changed(key, readSettings(document.uri).debounceMs);
  }

  private lint(document: vscode.TextDocument): void {
    const settings = readSettings(document.uri);
    const overrides: Readonly<Record<string, RuleSetting | undefined>> = settings.rules; // a notice (live-checks-off) has no setting
    const diagnostics: vscode.Diagnostic[] = [];
    for (const f of this.findingsOf(document)) {
      const level = overrides[f.rule] ?? f.severity;
      if (level === 'off') continue;
      diagnostics.push(toDiagnostic(document, f, level));
    }
    this.collection.set(document.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.scheduler.cancel(key);
    this.changing.delete(key);
    this.cache.delete(key);
    this.manifests.delete(key);
    this.facts.delete(key);
    this.live.forget(uri);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.changing.clear();
    for (const d of this.disposables) d.dispose();
  }
}

interface FileFacts {
  bom: boolean;
  mode?: number;
  /** The docker contexts next to a config.json on disk. */
  contexts?: ContextStore;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(document: vscode.TextDocument, f: Finding, level: Severity): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(document, f.offset, f.length), printable(messageOf(f)), SEVERITY[level]); // plain text; keys from the file may hold control codes
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocUrl(f.rule)) };
  if (tagsOf(f.rule).includes('unnecessary')) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}
