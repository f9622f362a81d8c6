/**
 * Live checks in the editor: credential helpers run only in a trusted workspace and when
 * `dockerConfigGuard.liveChecks` allows it ("auto": only the user's own Docker config). They run
 * on open, on save and on command, never while typing; the answers are kept per file and laid
 * over every later version of the text, so diagnostics follow edits without running anything.
 * The linter owns the diagnostics and asks this class for the live findings.
 */
import * as vscode from 'vscode';
import { Analysis, askHelpers, dockerConfigFile, Finding, liveChecks, LiveAnswers, liveFindingsFrom, liveOffFindings, t } from '../core';
import { log, loggedHelperClient } from './log';
import { configProfile, samePath } from './selector';
import { readSettings } from './settings';

/** Show progress only when the helpers take longer than this. */
const PROGRESS_DELAY_MS = 400;

export class LiveChecks implements vscode.Disposable {
  private readonly answers = new Map<string, LiveAnswers>();
  private readonly running = new Map<string, AbortController>();

  /** `changed` is called when new answers arrived for a document. */
  constructor(private readonly changed: (document: vscode.TextDocument) => void) {}

  /** Whether the setting asks for live checks of this file (trust aside). */
  wanted(document: vscode.TextDocument): boolean {
    const mode = readSettings(document.uri).liveChecks;
    if (mode === 'never' || document.uri.scheme !== 'file' || configProfile(document) !== 'docker') return false;
    return mode === 'always' || samePath(document.uri.fsPath, dockerConfigFile());
  }

  /** The live findings for the current text, from the last answers (nothing runs here). */
  findingsFor(document: vscode.TextDocument, analysis: Analysis): Finding[] {
    if (!this.wanted(document)) return [];
    if (!vscode.workspace.isTrusted) return liveOffFindings(analysis);
    const answers = this.answers.get(document.uri.toString());
    return answers ? liveFindingsFrom(analysis, answers) : [];
  }

  /** Asks the helpers again for this document; a run still going for it is cancelled. */
  async refresh(document: vscode.TextDocument, analysis: Analysis): Promise<void> {
    if (!vscode.workspace.isTrusted || !this.wanted(document)) return;
    const key = document.uri.toString();
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const checks = liveChecks(analysis);
    const started = performance.now();
    const work = askHelpers(checks, loggedHelperClient(), { signal: controller.signal });
    const timer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Docker Config Guard: asking credential helpers…') }, () => work.catch(() => undefined));
    }, PROGRESS_DELAY_MS);
    try {
      const answers = await work;
      this.answers.set(key, answers);
      log.info(`live checks of ${document.uri.fsPath}: ${checks.length} question(s) in ${(performance.now() - started).toFixed(0)} ms`);
      if (!document.isClosed) this.changed(document);
    } catch (e) {
      if ((e as Error)?.name !== 'AbortError') log.warn(`live checks of ${document.uri.fsPath} failed: ${(e as Error)?.message ?? e}`);
    } finally {
      clearTimeout(timer);
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.running.get(key)?.abort();
    this.running.delete(key);
    this.answers.delete(key);
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    this.running.clear();
  }
}
