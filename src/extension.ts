/** Docker Config Guard: activate() only registers; everything is disposed with the context. */
import * as vscode from 'vscode';
import { setBundle } from './core';
import { ConfigCodeActionProvider } from './editor/codeActions';
import { openConfig, refreshLiveChecks, removeAllEmptyEntries, restrictFileMode, whichCredentials } from './editor/commands';
import { MoveCommandOptions, moveSecretsCommand } from './editor/move';
import { ExportCommandOptions, exportPullSecretCommand } from './editor/exportSecret';
import { ConfigHoverProvider } from './editor/hover';
import { IMAGE_SELECTOR, ImageHoverProvider } from './editor/imageHover';
import { ConfigLinter } from './editor/linter';
import { createLog } from './editor/log';
import { TestLoginCodeLensProvider, testLoginCommand } from './editor/verify';

export function activate(context: vscode.ExtensionContext): void {
  setBundle(vscode.l10n.bundle);
  context.subscriptions.push(createLog());
  const linter = new ConfigLinter();
  const selector: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
  context.subscriptions.push(
    linter,
    vscode.languages.registerHoverProvider([...selector, { language: 'yaml' }], new ConfigHoverProvider(linter)),
    vscode.languages.registerHoverProvider(IMAGE_SELECTOR, new ImageHoverProvider()),
    vscode.languages.registerCodeActionsProvider(selector, new ConfigCodeActionProvider(linter), ConfigCodeActionProvider.metadata),
    vscode.commands.registerCommand('dockerConfigGuard.openConfig', openConfig),
    vscode.commands.registerCommand('dockerConfigGuard.removeEmptyEntries', () => removeAllEmptyEntries(linter)),
    vscode.commands.registerCommand('dockerConfigGuard.whichCredentials', (image?: string, options?: { runHelpers?: boolean }) => whichCredentials(image, options)),
    vscode.commands.registerCommand('dockerConfigGuard.moveSecrets', (uri?: vscode.Uri, keys?: string[], options?: MoveCommandOptions) => moveSecretsCommand(linter, uri, keys, options)),
    vscode.commands.registerCommand('dockerConfigGuard.refreshLiveChecks', () => refreshLiveChecks(linter)),
    vscode.commands.registerCommand('dockerConfigGuard.restrictFileMode', (uri: vscode.Uri) => restrictFileMode(linter, uri)),
    vscode.commands.registerCommand('dockerConfigGuard.exportPullSecret', (options?: ExportCommandOptions) => exportPullSecretCommand(options)),
    vscode.commands.registerCommand('dockerConfigGuard.testLogin', (uri?: vscode.Uri, registry?: string) => testLoginCommand(uri, registry)),
    vscode.languages.registerCodeLensProvider(selector, new TestLoginCodeLensProvider()),
  );
}

export function deactivate(): void {}
