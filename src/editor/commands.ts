import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { workspaceEdit } from './edits';
import { loggedHelperClient } from './log';
import {
  candidateFromText,
  ClientProfile,
  compareClients,
  detectDefaultStore,
  dockerConfigFile,
  minimalEdit,
  printable,
  PRIVATE_FILE_MODE,
  removeEmptyEntries,
  Resolution,
  resolutionText,
  resolveImage,
  resolveImageWithHelper,
  sideBySideText,
  t,
} from '../core';
import { ConfigLinter } from './linter';
import { configProfile, isDockerConfig, isPullSecretManifest } from './selector';

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
  await vscode.workspace.applyEdit(workspaceEdit(document, minimalEdit(text, after)));
}

/** The file the command answers for: the active Docker config, containers auth file or pull secret manifest, else the user's Docker config. */
async function credentialsFile(): Promise<{ where: string; text: string; kind: ClientProfile; legacy: boolean; missing?: boolean }> {
  const document = vscode.window.activeTextEditor?.document;
  const profile = document && configProfile(document);
  if (document && profile) return { where: document.uri.fsPath, text: document.getText(), kind: profile, legacy: false };
  if (document && isPullSecretManifest(document)) {
    const c = candidateFromText(document.uri.fsPath, document.getText());
    if (!('usage' in c) && c.text !== undefined) return { where: document.uri.fsPath, text: c.text, kind: 'kubelet', legacy: c.legacy === true };
  }
  const where = dockerConfigFile();
  try {
    return { where, text: await fs.promises.readFile(where, 'utf8'), kind: 'docker', legacy: false };
  } catch {
    return { where, text: '', kind: 'docker', legacy: false, missing: true };
  }
}

/**
 * "Which credentials will docker use for image ...?", and what podman (containers/image) and kubelet do with the same
 * file, side by side. In a trusted workspace, when a helper answers, it offers to ask the helper as docker would (or
 * does so at once with `runHelpers`).
 */
export async function whichCredentials(image?: string, options: { runHelpers?: boolean } = {}): Promise<string | undefined> {
  const ref =
    image ??
    (await vscode.window.showInputBox({
      title: t('Which credentials will docker use?'),
      prompt: t('Image reference, e.g. alpine, ghcr.io/owner/app:1.0 or registry.example.com:5000/team/app'),
      validateInput: (v) => (v.trim() ? undefined : t('Enter an image reference')),
    }));
  if (!ref) return undefined;
  const { where, text, kind, legacy, missing } = await credentialsFile();
  const reference = ref.trim();
  // No file: nothing in it for any client (containers/image skips a missing file and moves on to the next).
  const defaultStore = () => detectDefaultStore();
  const clients = sideBySideText(compareClients(reference, missing ? '{}' : text, kind, legacy, { defaultStore })).join(' ');
  if (kind !== 'docker') {
    const message = `${printable(reference)}: ${clients}`;
    void vscode.window.showInformationMessage(message, { detail: where });
    return message;
  }
  const describe = (r: Resolution) => `${resolutionText(r, { image: reference, file: where }).paragraph} ${clients}`;
  const askHelper = async () => describe(await resolveImageWithHelper(text, reference, loggedHelperClient(), { defaultStore }));
  const r = resolveImage(text, reference, { defaultStore });
  const canAsk = vscode.workspace.isTrusted && (r.source === 'credHelpers' || r.source === 'credsStore');
  if (canAsk && options.runHelpers) {
    const message = await askHelper();
    void vscode.window.showInformationMessage(message, { detail: where });
    return message;
  }
  const message = describe(r);
  const ask = t('Ask the helper');
  void vscode.window.showInformationMessage(message, { detail: where }, ...(canAsk ? [ask] : [])).then(async (choice) => {
    if (choice === ask) void vscode.window.showInformationMessage(await askHelper(), { detail: where });
  });
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
