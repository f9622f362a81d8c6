/**
 * The command *Export a Kubernetes Pull Secret…*: the credentials docker would send for some registries (the helper's
 * `get`, else the file) saved as a kubernetes.io/dockerconfigjson Secret, to a file the user picks (mode 0600). Only in a
 * trusted workspace (it runs credential helpers); the secret is never shown in a message.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { detectDefaultStore, dockerConfigFile, exportPullSecret, printable, t, validObjectName, writePrivateFile } from '../core';
import { loggedHelperClient } from './log';
import { displayPath } from './selector';

export interface ExportCommandOptions {
  registries?: string[];
  name?: string;
  namespace?: string;
  /** The file to write; asked with a save dialog when absent. */
  output?: vscode.Uri;
}

/** Returns the file written, or undefined when nothing was written (cancelled, refused, or no credentials). */
export async function exportPullSecretCommand(options: ExportCommandOptions = {}): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(t('Exporting a pull secret runs credential helpers, which Docker Config Guard does only in a trusted workspace.'));
    return undefined;
  }
  const registries =
    options.registries ??
    (
      await vscode.window.showInputBox({
        title: t('Export a Kubernetes pull secret'),
        prompt: t('Registries, separated by spaces, e.g. ghcr.io docker.io registry.example.com:5000'),
        validateInput: (v) => (v.trim() ? undefined : t('Enter at least one registry')),
      })
    )
      ?.split(/\s+/)
      .filter((r) => r !== '');
  if (!registries?.length) return undefined;
  const name =
    options.name ??
    (await vscode.window.showInputBox({
      title: t('Export a Kubernetes pull secret'),
      prompt: t('Name of the Secret'),
      value: 'regcred',
      validateInput: (v) => (validObjectName(v) ? undefined : t('A Kubernetes name: lower case letters, digits, "-" and "."')),
    }));
  if (!name || !validObjectName(name)) return undefined;
  if (options.namespace !== undefined && options.namespace !== '' && !validObjectName(options.namespace, true)) return undefined;
  const file = dockerConfigFile();
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    text = '{}'; // no config file: docker still asks its platform default helper
  }
  const result = await exportPullSecret(text, registries, loggedHelperClient(), { name, namespace: options.namespace || undefined, defaultStore: () => detectDefaultStore() });
  if (!result.yaml) {
    const why = result.problems.map((p) => `${p.registry}: ${p.reason}`).join('\n');
    void vscode.window.showErrorMessage(t('No pull secret was exported.'), { modal: false, detail: printable(why) });
    return undefined;
  }
  const output = options.output ?? (await vscode.window.showSaveDialog({ title: t('Save the pull secret (mode 0600)'), filters: { YAML: ['yaml', 'yml'] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri.with({ path: `${vscode.workspace.workspaceFolders[0].uri.path}/${name}.yaml` }) }));
  if (!output) return undefined;
  try {
    await writePrivateFile(output.fsPath, result.yaml);
  } catch (e) {
    void vscode.window.showErrorMessage(printable(t('Could not write {0}: {1}', output.fsPath, (e as NodeJS.ErrnoException)?.code ?? String(e))));
    return undefined;
  }
  const users = result.registries.map((r) => `${r.key}: ${r.username}`).join(', ');
  void vscode.window.showInformationMessage(printable(t('Wrote the Secret "{0}" to {1} (mode 0600) for {2}. Do not commit it.', name, displayPath(output.fsPath), users)));
  for (const w of result.warnings) void vscode.window.showWarningMessage(printable(w));
  return output;
}
