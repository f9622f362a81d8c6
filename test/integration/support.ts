// Helpers for the integration suites (real editor): waiting for diagnostics, Docker config files in temp folders.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/** Resolves once `condition()` holds (polling); fails with `what` after `ms`. */
export async function until<T>(condition: () => T | undefined | false, what: string, ms = 15_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
  }
}

/** The extension's id (publisher.name in package.json). */
export const EXTENSION_ID = 'docker-config-guard.docker-config-guard';

/**
 * Waits until the extension is active. It activates on the language of a document that opened (onLanguage:json,
 * :dockerfile, :yaml), a moment after the open: until then it has registered no code lens or hover provider, and
 * vscode.executeCodeLensProvider or executeHoverProvider answers nothing from it.
 */
export async function activated(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  await until(() => extension.isActive, 'the extension is active');
}

export const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** The diagnostics of `uri` with this rule. */
export function diagnostics(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === rule);
}

/** Waits for a diagnostic of `rule` whose range covers `text` in the document. */
export async function diagnosticAt(document: vscode.TextDocument, rule: string, text: string): Promise<vscode.Diagnostic> {
  return until(() => diagnostics(document.uri, rule).find((d) => document.getText(d.range) === text), `a ${rule} diagnostic on ${text} (have: ${describe(document)})`);
}

export function describe(document: vscode.TextDocument): string {
  return JSON.stringify(vscode.languages.getDiagnostics(document.uri).map((d) => `${ruleOf(d)}@${document.getText(d.range)}`));
}

/** A Docker config file the extension analyses: <tmp>/<name>/.docker/config.json. */
export function configFile(name: string, content: unknown, mode = 0o600): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-it-')), name, '.docker');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'config.json');
  writeConfig(file, content, mode);
  return file;
}

export function writeConfig(file: string, content: unknown, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  fs.chmodSync(file, mode);
}

/** The user's own Docker config in the test host ($HOME is a temp folder there). */
export function userConfigFile(): string {
  delete process.env.DOCKER_CONFIG;
  return path.join(os.homedir(), '.docker', 'config.json');
}

export async function open(file: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The quick fixes the editor offers at a diagnostic's range (the API drops their `diagnostics`). */
export async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

/** Lines `<action> <stdin>` a logging fake helper recorded. */
export function calls(log: string): string[] {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

/** A fake helper that logs each call to `log` and answers get with "not found" (or `answer` for a listed key). */
export function loggingHelper(log: string, listed: string[] = []): string {
  const known = listed.map((k) => `"${k}"`).join('|') || '__none__';
  return `IFS= read -r input; printf '%s %s\\n' "$1" "$input" >> '${log}'
case "$1" in
  list) printf '{}' ;;
  get) case "$input" in ${known}) printf '{"ServerURL":"%s","Username":"u","Secret":"s"}' "$input" ;; *) echo 'credentials not found in native keychain'; exit 1 ;; esac ;;
  *) echo 'not implemented'; exit 1 ;;
esac`;
}
