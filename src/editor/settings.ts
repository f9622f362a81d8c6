import * as vscode from 'vscode';
import { RuleId, Severity } from '../core';

export const SECTION = 'dockerConfigGuard';

export type RuleSetting = 'off' | Severity;

/** When credential helpers run: "auto" only for the user's own Docker config. */
export type LiveChecksSetting = 'auto' | 'always' | 'never';

export interface Settings {
  enable: boolean;
  files: string[];
  maskPasswords: boolean;
  rules: Partial<Record<RuleId, RuleSetting>>;
  debounceMs: number;
  liveChecks: LiveChecksSetting;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>('enable', true),
    files: c.get<string[]>('files', []),
    maskPasswords: c.get<boolean>('hover.maskPasswords', false),
    rules: c.get<Partial<Record<RuleId, RuleSetting>>>('rules', {}),
    debounceMs: Math.max(0, c.get<number>('debounceMs', 150)),
    liveChecks: c.get<LiveChecksSetting>('liveChecks', 'auto'),
  };
}
