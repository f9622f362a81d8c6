/**
 * The "Docker Config Guard" output channel. Logs what the extension did (files analysed, helpers
 * run and how long they took) — never a secret: callers pass paths, counts, rule ids and helper
 * names only.
 */
import * as vscode from 'vscode';
import { HelperClient, helperClient } from '../core/helpers/client';

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

/** A helper client whose runs are logged: helper, action, duration and outcome only. */
export function loggedHelperClient(): HelperClient {
  return helperClient({ onRun: (r) => log.info(`ran docker-credential-${r.helper} ${r.action}: ${r.outcome} in ${r.ms} ms`) });
}
