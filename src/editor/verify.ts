/**
 * "Test Login…": the core's verify for the config's registries, run only when asked (the command, or the
 * code lens on a registry key), only in a trusted workspace, with cancellable progress. VS Code's
 * `http.proxy` is used as the HTTPS proxy when set.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { detectDefaultStore, printable, registriesOf, registryKeysAt, t, verifyRegistries, VerifyResult } from '../core';
import { rangeOf } from './edits';
import { log, loggedHelperClient } from './log';
import { commandTarget, isDockerConfig } from './selector';

export async function testLoginCommand(uri?: vscode.Uri, registry?: string): Promise<VerifyResult[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(t('Testing a login sends credentials to the registry, which is off in an untrusted workspace. Trust the workspace first.'));
    return undefined;
  }
  const read = await commandTarget(uri);
  if (!read) return undefined;
  const { target, text } = read;
  let registries = registry ? [registry] : registriesOf(text);
  if (!registry) {
    const all = t('All registries of the file');
    const pick = await vscode.window.showQuickPick([all, ...registries.map(printable)], { title: t('Test Login…') });
    if (pick === undefined) return undefined;
    if (pick !== all) registries = [registries[registries.map(printable).indexOf(pick)]];
  }
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy');
  const env = proxy ? { ...process.env, HTTPS_PROXY: proxy } : process.env;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Testing the login against the registry…'), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return verifyRegistries(registries, {
        text,
        configDir: path.dirname(target.fsPath),
        client: loggedHelperClient(),
        resolve: { defaultStore: () => detectDefaultStore(process.env) },
        env,
        signal: abort.signal,
      });
    },
  );
  const lines = results.map((r) => `${printable(r.registry)}: ${r.status} (${r.source}${r.username ? `, ${r.username}` : ''}): ${r.detail}`);
  for (const l of lines) log.info(`test login: ${l}`);
  const message = lines.join('; ');
  if (results.every((r) => r.status === 'ok')) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
  return results;
}

/** A "Test login" lens on each registry key of a config, in trusted workspaces only (nothing runs until clicked). */
export class TestLoginCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file' || !isDockerConfig(document)) return [];
    return registryKeysAt(document.getText()).map((k) => {
      const range = rangeOf(document, k.offset, k.length);
      return new vscode.CodeLens(range, { title: t('Test login'), command: 'dockerConfigGuard.testLogin', arguments: [document.uri, k.registry] });
    });
  }
}
