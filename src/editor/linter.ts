/**
 * Owns the diagnostics of Docker config files: lints on open, debounced on change, on settings
 * change; clears on close. Keeps the latest analysis per document for hovers and code actions.
 */
import * as vscode from 'vscode';
import { analyze, Analysis, Finding, ruleDocUrl, Severity } from '../core';
import { isDockerConfig } from './selector';
import { log } from './log';
import { readSettings, SECTION } from './settings';

export const DIAGNOSTIC_SOURCE = 'Docker Config Guard';

interface Entry {
  version: number;
  analysis: Analysis;
}

export class ConfigLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('docker-config-guard');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cache = new Map<string, Entry>();
  /** Files whose bytes on disk start with a UTF-8 BOM (VS Code hides it from the text). */
  private readonly bom = new Map<string, boolean>();

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.open(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.lintAll();
      }),
    );
    this.lintAll();
  }

  lintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  /** The analysis of the document's current text (cached per version). */
  analysisOf(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const started = performance.now();
    const analysis = analyze(document.getText(), { bom: this.bom.get(key) });
    this.cache.set(key, { version: document.version, analysis });
    log.debug(`analysed ${document.uri.fsPath} (version ${document.version}): ${analysis.findings.length} finding(s) in ${(performance.now() - started).toFixed(1)} ms`);
    return analysis;
  }

  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const rule = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const offset = document.offsetAt(diagnostic.range.start);
    return this.analysisOf(document).findings.find((f) => f.rule === rule && f.offset === offset);
  }

  private open(document: vscode.TextDocument): void {
    if (!isDockerConfig(document)) {
      this.forget(document.uri);
      return;
    }
    this.lint(document);
    void this.checkBom(document);
  }

  private async checkBom(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    let bom = false;
    try {
      const bytes = await vscode.workspace.fs.readFile(document.uri);
      bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    } catch {
      return; // untitled or unreadable: nothing to learn
    }
    if ((this.bom.get(key) ?? false) === bom) return;
    this.bom.set(key, bom);
    this.cache.delete(key);
    if (!document.isClosed) this.lint(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isDockerConfig(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.lint(document);
      }, readSettings(document.uri).debounceMs),
    );
  }

  private lint(document: vscode.TextDocument): void {
    const settings = readSettings(document.uri);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const f of this.analysisOf(document).findings) {
      const level = settings.rules[f.rule] ?? f.severity;
      if (level === 'off') continue;
      diagnostics.push(toDiagnostic(document, f, level));
    }
    this.collection.set(document.uri, diagnostics);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.cache.delete(key);
    this.bom.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(document: vscode.TextDocument, f: Finding, level: Severity): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(f.offset), document.positionAt(f.offset + f.length));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[level]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(ruleDocUrl(f.rule)) };
  if (f.rule === 'unknown-key') d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}
