/**
 * The hover on an image reference in a Dockerfile, a Compose file, a Kubernetes manifest or a GitHub Actions workflow:
 * the registry and where docker takes the credentials from. No credential helper runs for it; the config file is read
 * (regular files only, size capped) at each hover; its path is shown as `~/…` below the home folder.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { detectDefaultStore, dockerConfigFile, imageFileKind, imageHoverAt } from '../core';
import { rangeOf } from './edits';
import { displayPath } from './selector';

/** Docker config files are a few KB; a larger one is not read for a hover. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

async function configText(file: string): Promise<string> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return '{}';
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return '{}'; // no config file: docker has no credentials (or its platform default helper)
  }
}

export class ImageHoverProvider implements vscode.HoverProvider {
  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = document.getText();
    const kind = imageFileKind(document.uri.path, text);
    if (!kind) return undefined;
    const file = dockerConfigFile();
    const info = imageHoverAt(text, kind, document.offsetAt(position), await configText(file), displayPath(file), { defaultStore: () => detectDefaultStore() });
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, rangeOf(document, info.offset, info.length));
  }
}
