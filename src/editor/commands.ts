import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { loggedHelperClient } from './log';
import { detectDefaultStore, dockerConfigFile, minimalEdit, PRIVATE_FILE_MODE, removeEmptyEntries, Resolution, resolveImage, resolveImageWithHelper, t } from '../core';
import { ConfigLinter } from './linter';
import { isDockerConfig } from './selector';

const EMPTY_CONFIG = '{\n\t"auths": {}\n}\n';

/** Opens $DOCKER_CONFIG/config.json or ~/.docker/config.json; offers to create it (0700 dir, 0600 file, like docker). */
export async function openConfig(): Promise<void> {
  const file = dockerConfigFile();
  if (!fs.existsSync(file)) {
    const create = t('Create');
    const answer = await vscode.window.showInformationMessage(t('There is no Docker config file at {0}. Create one?', file), create);
    if (answer !== create) return;
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(file, EMPTY_CONFIG, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}

export async function removeAllEmptyEntries(linter: ConfigLinter): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDockerConfig(editor.document)) {
    void vscode.window.showWarningMessage(t('Open a Docker config file first.'));
    return;
  }
  const document = editor.document;
  const text = document.getText();
  const { text: after, removed } = removeEmptyEntries(text, linter.analysisOf(document));
  if (removed === 0) {
    void vscode.window.showInformationMessage(t('No empty entries to remove.'));
    return;
  }
  const edit = minimalEdit(text, after);
  await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content));
}

/**
 * "Which credentials will docker use for image ...?" In a trusted workspace, when a helper
 * answers, it offers to ask the helper as docker would (or does so at once with `runHelpers`).
 */
export async function whichCredentials(image?: string, options: { runHelpers?: boolean } = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = editor && isDockerConfig(editor.document) ? editor.document : undefined;
  const ref =
    image ??
    (await vscode.window.showInputBox({
      title: t('Which credentials will docker use?'),
      prompt: t('Image reference, e.g. alpine, ghcr.io/owner/app:1.0 or registry.example.com:5000/team/app'),
      validateInput: (v) => (v.trim() ? undefined : t('Enter an image reference')),
    }));
  if (!ref) return undefined;
  let text: string;
  let where: string;
  if (document) {
    text = document.getText();
    where = document.uri.fsPath;
  } else {
    where = dockerConfigFile();
    try {
      text = await fs.promises.readFile(where, 'utf8');
    } catch {
      text = '';
    }
  }
  const defaultStore = () => detectDefaultStore();
  const r = resolveImage(text, ref.trim(), { defaultStore });
  const canAsk = vscode.workspace.isTrusted && (r.source === 'credHelpers' || r.source === 'credsStore');
  if (canAsk && options.runHelpers) {
    const message = describeResolution(ref.trim(), await resolveImageWithHelper(text, ref.trim(), loggedHelperClient(), { defaultStore }));
    void vscode.window.showInformationMessage(message, { detail: where });
    return message;
  }
  const message = describeResolution(ref.trim(), r);
  const ask = t('Ask the helper');
  void vscode.window.showInformationMessage(message, { detail: where }, ...(canAsk ? [ask] : [])).then(async (choice) => {
    if (choice === ask) void vscode.window.showInformationMessage(describeResolution(ref.trim(), await resolveImageWithHelper(text, ref.trim(), loggedHelperClient(), { defaultStore })), { detail: where });
  });
  return message;
}

function describeResolution(ref: string, r: Resolution): string {
  const plain =
    r.source === 'auths'
      ? t('from the plaintext auths entry "{0}"', r.entry!)
      : r.entry
        ? t('none: the auths entry "{0}" holds no credentials', r.entry)
        : t('none: docker pulls anonymously');
  const source =
    r.helperAnswer === 'failed'
      ? t('{0}, because the helper "{1}" fails ({2}); docker create fails', plain, r.helper!, r.helperError ?? '')
      : r.source === 'credHelpers' || r.source === 'credsStore'
        ? t('from the {0} helper "{1}" (docker-credential-{1})', r.source, r.helper!)
        : plain;
  let message = t('{0}: registry {1}, key "{2}", credentials {3}{4}.', ref, r.registry, r.key, source, r.username ? t(', username "{0}"', r.username) : '');
  if (r.helperAnswer === 'not-found') message += ' ' + t('The helper has no credentials for "{0}": docker sends empty credentials (it does not fall back to auths) and the registry answers "no basic auth credentials".', r.key);
  if (r.candidates) message += ' ' + t('Several keys match and none exactly, so docker picks one at random: {0}.', r.candidates.join(', '));
  return message;
}

/** Sets the file's mode to 0600 (the file-permissions quick fix), then lints it again. */
export async function restrictFileMode(linter: ConfigLinter, uri: vscode.Uri): Promise<void> {
  try {
    await fs.promises.chmod(uri.fsPath, PRIVATE_FILE_MODE);
  } catch (e) {
    void vscode.window.showErrorMessage(t('Cannot change the mode of {0}: {1}', uri.fsPath, (e as NodeJS.ErrnoException).code ?? String(e)));
    return;
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document) await linter.refresh(document);
}

/** Reads the file facts again and asks the credential helpers again, for the active (or every open) Docker config. */
export async function refreshLiveChecks(linter: ConfigLinter): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const documents = active && isDockerConfig(active) ? [active] : vscode.workspace.textDocuments.filter(isDockerConfig);
  if (!vscode.workspace.isTrusted) void vscode.window.showInformationMessage(t('Live checks are off: no credential helper runs in an untrusted workspace.'));
  await Promise.all(documents.map((d) => linter.refresh(d)));
}
