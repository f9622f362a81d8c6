/** Which documents are Docker config files, Podman auth files, or manifests with pull secrets. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ClientProfile, CONTAINERS_AUTH_GLOB, DOCKER_CONFIG_GLOB, DOCKERCFG_GLOB, dockerConfigFile, isRegistryAuthFile, mayHoldPullSecret, t } from '../core';
import { readSettings } from './settings';

/** The image hover's documents (imageHover.ts): Dockerfiles by language and name, YAML (Compose, manifests, workflows). */
export const IMAGE_SELECTOR: vscode.DocumentSelector = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml' },
  { language: 'github-actions-workflow' },
  { pattern: '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.dockerfile,*.containerfile}' },
];

/** The "fix all" code action kind (codeActions.ts) and the kinds the provider offers. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('dockerConfigGuard');
export const CODE_ACTIONS_METADATA: vscode.CodeActionProviderMetadata = {
  providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
};

/** A JSON config the linter reads (a Docker config or a Podman auth file). */
export function isDockerConfig(document: vscode.TextDocument): boolean {
  return configProfile(document) !== undefined;
}

/** Whose reading of the file applies: containers for Podman auth files, docker for the others. */
export function configProfile(document: vscode.TextDocument): ClientProfile | undefined {
  const settings = readSettings(document.uri);
  if (!settings.enable) return undefined;
  const file = document.uri.scheme === 'file';
  if (file && isRegistryAuthFile(document.uri.fsPath)) return 'containers';
  if (file && process.env.DOCKER_CONFIG && samePath(document.uri.fsPath, dockerConfigFile())) return 'docker';
  if (vscode.languages.match({ pattern: CONTAINERS_AUTH_GLOB }, document) > 0) return 'containers';
  const patterns = [DOCKER_CONFIG_GLOB, ...settings.files];
  return patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0) ? 'docker' : undefined;
}

/**
 * A legacy ~/.dockercfg (registries at the top; read by podman, skopeo and buildah, no longer by docker): linted as
 * containers/image reads it (core analyzeDockercfg). Not a Docker config: no hovers, quick fixes or commands.
 */
export function isDockercfg(document: vscode.TextDocument): boolean {
  return readSettings(document.uri).enable && vscode.languages.match({ pattern: DOCKERCFG_GLOB }, document) > 0;
}

/** A document the linter has work on: a Docker config or Podman auth file, a ~/.dockercfg, a manifest with a pull secret. */
export function isLinted(document: vscode.TextDocument): boolean {
  return isDockerConfig(document) || isDockercfg(document) || isPullSecretManifest(document);
}

/** A YAML document that names a pull secret type (a cheap text test; nothing is parsed here). */
export function isPullSecretManifest(document: vscode.TextDocument): boolean {
  const yaml = document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path);
  return yaml && readSettings(document.uri).enable && mayHoldPullSecret(document.getText());
}

export function samePath(a: string, b: string): boolean {
  return path.normalize(a) === path.normalize(b);
}

/** The config a command works on and its text. */
export interface CommandTarget {
  target: vscode.Uri;
  /** The open document of the file, when there is one: its text is the one read. */
  document?: vscode.TextDocument;
  text: string;
}

/**
 * The config a command works on: `uri`, else the active Docker config, else the user's own; its text from the
 * open document, else from disk. Undefined, with the user told why, when it cannot be read.
 */
export async function commandTarget(uri?: vscode.Uri): Promise<CommandTarget | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const target = uri ?? (active && isDockerConfig(active) ? active.uri : vscode.Uri.file(dockerConfigFile()));
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  try {
    return { target, document, text: document ? document.getText() : await fs.promises.readFile(target.fsPath, 'utf8') };
  } catch (e) {
    void vscode.window.showErrorMessage(t('Cannot read {0}: {1}', target.fsPath, (e as NodeJS.ErrnoException).code ?? String(e)));
    return undefined;
  }
}

/** A path as shown to the user: below the home folder as `~/…`, as VS Code's own labels show it; others unchanged. */
export function displayPath(file: string): string {
  const home = os.homedir();
  return home && home !== path.sep && file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
