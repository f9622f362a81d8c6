import * as vscode from 'vscode';
import { hoverAt, manifestHoverAt } from '../core';
import { rangeOf } from './edits';
import { ConfigLinter } from './linter';
import { configProfile, isDockerConfig, isPullSecretManifest } from './selector';
import { readSettings } from './settings';

export class ConfigHoverProvider implements vscode.HoverProvider {
  constructor(private readonly linter: ConfigLinter) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const maskPasswords = readSettings(document.uri).maskPasswords;
    const info = isPullSecretManifest(document)
      ? manifestHoverAt(this.linter.manifestOf(document), document.offsetAt(position), { maskPasswords })
      : isDockerConfig(document)
        ? hoverAt(this.linter.analysisOf(document).model, document.offsetAt(position), { maskPasswords, profile: configProfile(document), contexts: this.linter.contextsOf(document), env: { DOCKER_CONTEXT: process.env.DOCKER_CONTEXT, DOCKER_HOST: process.env.DOCKER_HOST }, now: Date.now() })
        : undefined;
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, rangeOf(document, info.offset, info.length));
  }
}
