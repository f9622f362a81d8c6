/** Quick fixes keyed on the diagnostic's code (the rule id), never on its message. */
import * as vscode from 'vscode';
import { Finding, Fix, fixesFor, removeEmptyEntries, minimalEdit, printable, t } from '../core';
import { workspaceEdit } from './edits';
import { ConfigLinter, DIAGNOSTIC_SOURCE } from './linter';
import { CODE_ACTIONS_METADATA, configProfile, FIX_ALL_KIND, isDockerConfig } from './selector';

export class ConfigCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata = CODE_ACTIONS_METADATA;

  constructor(private readonly linter: ConfigLinter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isDockerConfig(document)) return [];
    const actions: vscode.CodeAction[] = [];
    const only = context.only;
    if (!only || only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only)) {
      const fixAll = this.fixAll(document);
      if (fixAll) actions.push(fixAll);
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return actions;
    const text = document.getText();
    const analysis = this.linter.analysisOf(document);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.linter.findingFor(document, diagnostic);
      if (!finding) continue;
      for (const fix of fixesFor(text, finding, analysis)) actions.push(toAction(document, fix, [diagnostic]));
      const command = commandFor(document, finding);
      if (command) actions.push(commandAction(command, diagnostic));
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument): vscode.CodeAction | undefined {
    const text = document.getText();
    const { text: after, removed } = removeEmptyEntries(text, this.linter.analysisOf(document));
    if (removed === 0) return undefined;
    const action = new vscode.CodeAction(t('Remove all {0} empty entries', removed), FIX_ALL_KIND);
    action.edit = workspaceEdit(document, minimalEdit(text, after));
    return action;
  }
}

/** Fixes that are not text edits: a command keyed on the rule. */
function commandFor(document: vscode.TextDocument, finding: Finding): vscode.Command | undefined {
  switch (finding.rule) {
    case 'file-permissions':
      return { title: t('Restrict the file to its owner (chmod 600)'), command: 'dockerConfigGuard.restrictFileMode', arguments: [document.uri] };
    case 'plaintext-credential':
    case 'shadowed-credential':
      // Runs credential helpers: never offered in an untrusted workspace; moves by docker's rules only.
      if (finding.messageId === 'proxy') return undefined; // a proxy URL: nothing a credential helper holds
      if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file' || configProfile(document) !== 'docker') return undefined;
      return { title: t('Move secret into credential helper…'), command: 'dockerConfigGuard.moveSecrets', arguments: [document.uri, [String(finding.path[1])]] };
    case 'live-checks-off':
      return { title: t('Manage Workspace Trust'), command: 'workbench.trust.manage' };
    default:
      return undefined;
  }
}

function commandAction(command: vscode.Command, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(command.title, vscode.CodeActionKind.QuickFix);
  action.command = command;
  action.diagnostics = [diagnostic];
  return action;
}

function toAction(document: vscode.TextDocument, fix: Fix, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(printable(fix.title), vscode.CodeActionKind.QuickFix);
  action.edit = workspaceEdit(document, fix.edit);
  action.diagnostics = diagnostics;
  action.isPreferred = fix.isPreferred;
  return action;
}
