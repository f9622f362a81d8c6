import * as vscode from 'vscode';
import { hoverAt } from '../core';
import { ConfigLinter } from './linter';
import { isDockerConfig } from './selector';
import { readSettings } from './settings';

export class ConfigHoverProvider implements vscode.HoverProvider {
  constructor(private readonly linter: ConfigLinter) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isDockerConfig(document)) return undefined;
    const { model } = this.linter.analysisOf(document);
    const info = hoverAt(model, document.offsetAt(position), { maskPasswords: readSettings(document.uri).maskPasswords });
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const range = new vscode.Range(document.positionAt(info.offset), document.positionAt(info.offset + info.length));
    return new vscode.Hover(markdown, range);
  }
}
