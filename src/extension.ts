import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Editor features are registered here (work in progress).
}

export function deactivate(): void {}
