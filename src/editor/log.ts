/**
 * The "Docker Config Guard" output channel. Logs what the extension did (files analysed, helpers
 * run and how long they took) — never a secret: callers pass paths, counts, rule ids and helper
 * names only.
 */
import * as vscode from 'vscode';
import { HelperClient, helperClient, helperExecutable } from '../core';

let channel: vscode.LogOutputChannel | undefined;
let enabled = false;

/** Enables the log; the channel itself is made on the first message (nothing heavy at activation). */
export function createLog(): vscode.Disposable {
  enabled = true;
  return {
    dispose: () => {
      enabled = false;
      channel?.dispose();
      channel = undefined;
    },
  };
}

function out(): vscode.LogOutputChannel | undefined {
  if (enabled && !channel) channel = vscode.window.createOutputChannel('Docker Config Guard', { log: true });
  return channel;
}

export const log = {
  info: (message: string): void => out()?.info(message),
  warn: (message: string): void => out()?.warn(message),
  error: (message: string): void => out()?.error(message),
  debug: (message: string): void => out()?.debug(message),
};

/** A helper client whose runs are logged: helper, action, duration and outcome only. */
export function loggedHelperClient(): HelperClient {
  return helperClient({ onRun: (r) => log.info(`ran ${helperExecutable(r.helper)} ${r.action}: ${r.outcome} in ${r.ms} ms`) });
}
