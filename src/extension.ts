/** Docker Config Guard: activate() only registers; everything is disposed with the context. */
import * as vscode from 'vscode';
import { setBundle } from './core';
import { ConfigCodeActionProvider } from './editor/codeActions';
import { openConfig, removeAllEmptyEntries, whichCredentials } from './editor/commands';
import { ConfigHoverProvider } from './editor/hover';
import { ConfigLinter } from './editor/linter';
import { createLog } from './editor/log';

export function activate(context: vscode.ExtensionContext): void {
  setBundle(vscode.l10n.bundle);
  context.subscriptions.push(createLog());
  const linter = new ConfigLinter();
  const selector: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
  context.subscriptions.push(
    linter,
    vscode.languages.registerHoverProvider(selector, new ConfigHoverProvider(linter)),
    vscode.languages.registerCodeActionsProvider(selector, new ConfigCodeActionProvider(linter), ConfigCodeActionProvider.metadata),
    vscode.commands.registerCommand('dockerConfigGuard.openConfig', openConfig),
    vscode.commands.registerCommand('dockerConfigGuard.removeEmptyEntries', () => removeAllEmptyEntries(linter)),
    vscode.commands.registerCommand('dockerConfigGuard.whichCredentials', (image?: string) => whichCredentials(image)),
  );
}

export function deactivate(): void {}
