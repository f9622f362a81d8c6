/**
 * "Move secrets into a credential helper": the quick fix (one entry) and the command (all
 * entries). The core moves; this asks for a helper when the file names none (only helpers that
 * can store are offered), shows cancellable progress, then edits: an undoable WorkspaceEdit when
 * the file is open, else an atomic write that keeps the mode and a symlink.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { analyze, FileChangedError, findStorageHelpers, helperExecutable, minimalEdit, moveSecrets, MoveResult, planMove, printable, t, writeFileAtomic } from '../core';
import { workspaceEdit } from './edits';
import { ConfigLinter } from './linter';
import { log, loggedHelperClient } from './log';
import { commandTarget } from './selector';

export interface MoveCommandOptions {
  /** Skip the question: the helper for entries no helper in the file handles. */
  helper?: string;
  /** Skip the question: also write credHelpers[host]. */
  alsoCredHelpers?: boolean;
}

/** What the command did; returned for tests and other extensions (no secret in it). */
export interface MoveSummary {
  moved: string[];
  notMoved: Array<{ key: string; reason: string }>;
}

export async function moveSecretsCommand(linter: ConfigLinter, uri?: vscode.Uri, keys?: string[], options: MoveCommandOptions = {}): Promise<MoveSummary | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(t('Moving secrets runs credential helpers, and no helper runs in an untrusted workspace. Trust the workspace first.'));
    return undefined;
  }
  const read = await commandTarget(uri);
  if (!read) return undefined;
  const { target, document, text } = read;
  const version = document?.version;
  const analysis = analyze(text);
  const plan = (helper?: string) => planMove(analysis, { keys, helper });
  const first = plan(options.helper);
  if (first.candidates.length === 0) {
    void vscode.window.showInformationMessage(t('No plaintext secrets to move in {0}.', target.fsPath));
    return { moved: [], notMoved: [] };
  }
  const helper = options.helper ?? (first.needsHelper ? await pickHelper() : undefined);
  const chosen = helper === options.helper ? first : plan(helper);
  if (chosen.needsHelper) return undefined;
  const alsoCredHelpers = options.alsoCredHelpers ?? (await askCredHelpers(chosen.candidates.some((c) => !c.problem && c.via !== 'credHelpers')));
  if (alsoCredHelpers === undefined) return undefined;

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Moving secrets into credential helpers'), cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return moveSecrets(text, loggedHelperClient(), {
        keys,
        helper,
        alsoCredHelpers,
        signal: abort.signal,
        onProgress: (done, total, key) => progress.report({ message: t('{0} ({1} of {2})', key, done + 1, total), increment: done === 0 ? 0 : 100 / total }),
      });
    },
  );
  const saved = result.moved.length > 0 && (await save(target, document, version, text, result));
  if (!saved) {
    for (const m of result.moved) result.notMoved.push({ key: m.key, reason: t('The file was not edited.') });
    result.moved = [];
  }
  if (document) void linter.refresh(document);
  return summarize(target, result);
}

async function pickHelper(): Promise<string | undefined> {
  const helpers = findStorageHelpers();
  if (helpers.length === 0) {
    void vscode.window.showErrorMessage(t('No credential helper that can store a secret is installed (docker-credential-pass, -secretservice, -osxkeychain, -wincred, -desktop). Install one, e.g. apt install golang-docker-credential-helpers pass.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    helpers.map((h) => ({ label: h.name, description: h.path })),
    { title: t('Move the secrets into which credential helper?'), placeHolder: t('It becomes "credsStore" (or credHelpers for these registries while other plaintext secrets remain).') },
  );
  return pick?.label;
}

async function askCredHelpers(relevant: boolean): Promise<boolean | undefined> {
  if (!relevant) return false;
  const dockerOnly = { label: t('Docker only'), detail: t('docker, buildkit and docker-py ask the helper through credsStore.'), value: false };
  const also = { label: t('Also write credHelpers for these registries'), detail: t('podman, skopeo and buildah ignore credsStore; with credHelpers they find the secrets too.'), value: true };
  return (await vscode.window.showQuickPick([dockerOnly, also], { title: t('Who else reads this file?') }))?.value;
}

/** Edits the file; false (with a message) when it changed meanwhile or cannot be written. */
async function save(target: vscode.Uri, document: vscode.TextDocument | undefined, version: number | undefined, before: string, result: MoveResult): Promise<boolean> {
  const changed = t('{0} changed while the secrets were being moved, so it was not edited. The helper holds the moved secrets too: run the command again.', target.fsPath);
  if (document && !document.isClosed) {
    if (document.version !== version) {
      void vscode.window.showErrorMessage(changed);
      return false;
    }
    const wasDirty = document.isDirty;
    const old = statOf(target);
    if (!(await vscode.workspace.applyEdit(workspaceEdit(document, minimalEdit(before, result.text))))) return false;
    if (!wasDirty) {
      // The secret leaves the disk now; undo still brings it back. VS Code refuses to save over a newer file on disk.
      if (!(await document.save())) {
        void vscode.window.showErrorMessage(t('{0} was edited but not saved (it may have changed on disk): the secrets are still in the file. Save it to finish, or undo the edit.', target.fsPath));
        return false;
      }
      const now = statOf(target);
      if (old && now && old.nlink > 1 && now.ino !== old.ino) warnLinks(target, old.nlink - 1, old.ino);
    }
    return true;
  }
  try {
    const written = await writeFileAtomic(target.fsPath, result.text, before);
    if (written.otherLinks) warnLinks(target, written.otherLinks, written.inode);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = e instanceof FileChangedError && e.kind === 'not-utf8' ? t('{0} was not edited: {1}. The helper holds the moved secrets too.', target.fsPath, e.message) : code ? t('{0} could not be written ({1}).', target.fsPath, code) : changed;
    void vscode.window.showErrorMessage(message);
    return false;
  }
}

function statOf(target: vscode.Uri): fs.Stats | undefined {
  try {
    return target.scheme === 'file' ? fs.statSync(target.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

/** The old file lives on under another name (a hard link): its plaintext secrets too. docker login does the same. */
function warnLinks(target: vscode.Uri, links: number, inode: number): void {
  void vscode.window.showWarningMessage(
    t('{0} had {1} other hard link(s) (inode {2}); they still hold the old text with the plaintext secrets. docker login leaves them too. Find them with "find MOUNTPOINT -xdev -inum {2}" and remove them.', target.fsPath, links, inode),
  );
}

function summarize(target: vscode.Uri, result: MoveResult): MoveSummary {
  const summary: MoveSummary = { moved: result.moved.map((m) => m.key), notMoved: result.notMoved };
  const where = [...new Set(result.moved.map((m) => helperExecutable(m.helper)))].join(', ');
  const parts: string[] = [];
  if (summary.moved.length) parts.push(t('Moved {0} secret(s) into {1}: {2}.', summary.moved.length, where, summary.moved.map(printable).join(', ')));
  if (result.credsStore) parts.push(t('"credsStore" is now "{0}".', result.credsStore));
  if (result.credHelpers.length) parts.push(t('Added credHelpers for {0}.', result.credHelpers.map((c) => printable(c.registry)).join(', ')));
  for (const n of summary.notMoved) parts.push(t('Not moved: {0}: {1}', printable(n.key), printable(n.reason)));
  log.info(`move secrets in ${target.fsPath}: ${summary.moved.length} moved, ${summary.notMoved.length} not moved`);
  const message = parts.join(' ');
  if (summary.notMoved.length) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return summary;
}
