/** Which documents are Docker config files. */
import * as path from 'path';
import * as vscode from 'vscode';
import { dockerConfigFile } from '../core';
import { readSettings } from './settings';

const BUILT_IN = '**/.docker/config.json';

export function isDockerConfig(document: vscode.TextDocument): boolean {
  const settings = readSettings(document.uri);
  if (!settings.enable) return false;
  if (document.uri.scheme === 'file' && process.env.DOCKER_CONFIG && samePath(document.uri.fsPath, dockerConfigFile())) return true;
  const patterns = [BUILT_IN, ...settings.files];
  return patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

export function samePath(a: string, b: string): boolean {
  return path.normalize(a) === path.normalize(b);
}
