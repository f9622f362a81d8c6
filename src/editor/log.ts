/**
 * The "Docker Config Guard" output channel. Logs what the extension did (files analysed, helpers
 * run and how long they took) — never a secret: callers pass paths, counts, rule ids and helper
 * names only.
 */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function createLog(): vscode.LogOutputChannel {
  channel = vscode.window.createOutputChannel('Docker Config Guard', { log: true });
  return channel;
}

export const log = {
  info: (message: string): void => channel?.info(message),
  warn: (message: string): void => channel?.warn(message),
  error: (message: string): void => channel?.error(message),
  debug: (message: string): void => channel?.debug(message),
};
