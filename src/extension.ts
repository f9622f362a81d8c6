/**
 * Docker Config Guard: activate() only registers; everything is disposed with the context.
 * JSON and YAML files of every kind activate the extension, and most are not Docker configs: the features (the
 * linter, the providers' work, the commands, and with them the whole core) live in editor/main.ts, a bundle of its
 * own (dist/editor.js), loaded on first use: when a Docker config, a ~/.dockercfg or a manifest with a pull secret
 * is open (selector.ts tells, from the path, the settings and a cheap text test), or a provider or command is used
 * on one. This file and selector.ts are all that loads at activation.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExportCommandOptions } from './editor/exportSecret';
import type { Editor } from './editor/main';
import type { MoveCommandOptions } from './editor/move';
import { CODE_ACTIONS_METADATA, IMAGE_SELECTOR, isDockerConfig, isLinted, isPullSecretManifest } from './editor/selector';
import { SECTION } from './editor/settings';

export function activate(context: vscode.ExtensionContext): void {
  let editor: Editor | undefined;
  /** The features, loaded and started on the first call. */
  const load = (): Editor => {
    if (!editor) {
      const bundled = path.join(__dirname, 'editor.js');
      const id = fs.existsSync(bundled) ? bundled : './editor/main'; // out/ (tsc) has no bundle
      editor = (require(id) as typeof import('./editor/main')).startEditor();
      gate.dispose();
    }
    return editor;
  };
  /** Until then: watches for a document the linter has work on. */
  const wake = (d: vscode.TextDocument): void => {
    if (!editor && isLinted(d)) load();
  };
  const wakeAll = (): void => {
    for (const d of vscode.workspace.textDocuments) wake(d);
  };
  const first = setTimeout(wakeAll, 0); // the documents open now: right after activation, not during it
  const gate = vscode.Disposable.from(
    { dispose: () => clearTimeout(first) },
    vscode.workspace.onDidOpenTextDocument(wake),
    vscode.workspace.onDidChangeTextDocument((e) => wake(e.document)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) wakeAll();
    }),
  );
  const selector: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
  context.subscriptions.push(
    gate,
    { dispose: () => editor?.dispose() },
    vscode.languages.registerHoverProvider([...selector, { language: 'yaml' }], {
      provideHover: (d, p) => (isDockerConfig(d) || isPullSecretManifest(d) ? load().hover.provideHover(d, p) : undefined),
    }),
    vscode.languages.registerHoverProvider(IMAGE_SELECTOR, { provideHover: (d, p) => load().imageHover.provideHover(d, p) }),
    vscode.languages.registerCodeActionsProvider(selector, {
      provideCodeActions: (d, r, c) => (isDockerConfig(d) ? load().codeActions.provideCodeActions(d, r, c) : []),
    }, CODE_ACTIONS_METADATA),
    vscode.languages.registerCodeLensProvider(selector, {
      provideCodeLenses: (d) => (isDockerConfig(d) ? load().codeLens.provideCodeLenses(d) : []),
    }),
  );
  const linter = () => load().linter;
  const run = () => load().commands;
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerConfigGuard.openConfig', () => run().openConfig()),
    vscode.commands.registerCommand('dockerConfigGuard.removeEmptyEntries', () => run().removeEmptyEntries(linter())),
    vscode.commands.registerCommand('dockerConfigGuard.whichCredentials', (image?: string, options?: { runHelpers?: boolean }) => run().whichCredentials(image, options)),
    vscode.commands.registerCommand('dockerConfigGuard.moveSecrets', (uri?: vscode.Uri, keys?: string[], options?: MoveCommandOptions) => run().moveSecrets(linter(), uri, keys, options)),
    vscode.commands.registerCommand('dockerConfigGuard.refreshLiveChecks', () => run().refreshLiveChecks(linter())),
    vscode.commands.registerCommand('dockerConfigGuard.restrictFileMode', (uri: vscode.Uri) => run().restrictFileMode(linter(), uri)),
    vscode.commands.registerCommand('dockerConfigGuard.exportPullSecret', (options?: ExportCommandOptions) => run().exportPullSecret(options)),
    vscode.commands.registerCommand('dockerConfigGuard.testLogin', (uri?: vscode.Uri, registry?: string) => run().testLogin(uri, registry)),
  );
}

export function deactivate(): void {}
