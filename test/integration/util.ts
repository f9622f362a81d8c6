/** Helpers for tests in the real editor: temp config files, waiting on diagnostics events (never fixed sleeps). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export const SOURCE = 'Docker Config Guard';
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const made: string[] = [];

/** Writes `text` to <tmp>/<rel> (default .docker/config.json) and returns its URI. */
export function tempFile(text: string, rel = '.docker/config.json'): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-it-'));
  made.push(dir);
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 }); // as docker writes it: no file-permissions finding
  return vscode.Uri.file(file);
}

export function cleanTempFiles(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with our diagnostics of `uri` once `ok` holds for them; checks at once and on every change. */
export function diagnosticsWhen(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, ms = 10_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (ok(ds)) {
        done();
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for diagnostics: ${what}; have ${JSON.stringify(ours(uri).map((d) => codeOf(d)))}`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** The range of the n-th occurrence of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, nth = 0): vscode.Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in the document`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export function textOf(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dockerConfigGuard').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The Markdown of every hover at `position`, joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
