/**
 * The editor's features, loaded on first use (src/extension.ts; dist/editor.js in the bundle): the linter, the
 * providers and the commands. Loading this pulls in the whole core; activation does not.
 */
import * as vscode from 'vscode';
import { setBundle } from '../core';
import { ConfigCodeActionProvider } from './codeActions';
import { openConfig, refreshLiveChecks, removeAllEmptyEntries, restrictFileMode, whichCredentials } from './commands';
import { exportPullSecretCommand } from './exportSecret';
import { ConfigHoverProvider } from './hover';
import { ImageHoverProvider } from './imageHover';
import { ConfigLinter } from './linter';
import { createLog } from './log';
import { moveSecretsCommand } from './move';
import { TestLoginCodeLensProvider, testLoginCommand } from './verify';

export interface Editor extends vscode.Disposable {
  linter: ConfigLinter;
  hover: ConfigHoverProvider;
  imageHover: ImageHoverProvider;
  codeActions: ConfigCodeActionProvider;
  codeLens: TestLoginCodeLensProvider;
  commands: typeof commands;
}

const commands = {
  openConfig,
  removeEmptyEntries: removeAllEmptyEntries,
  whichCredentials,
  moveSecrets: moveSecretsCommand,
  refreshLiveChecks,
  restrictFileMode,
  exportPullSecret: exportPullSecretCommand,
  testLogin: testLoginCommand,
};

/** Starts the linter (it lints the open documents right away) and makes the providers. */
export function startEditor(): Editor {
  setBundle(vscode.l10n.bundle);
  const log = createLog();
  const linter = new ConfigLinter();
  return {
    linter,
    hover: new ConfigHoverProvider(linter),
    imageHover: new ImageHoverProvider(),
    codeActions: new ConfigCodeActionProvider(linter),
    codeLens: new TestLoginCodeLensProvider(),
    commands,
    dispose: () => {
      linter.dispose();
      log.dispose();
    },
  };
}
