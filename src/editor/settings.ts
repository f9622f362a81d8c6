import * as vscode from 'vscode';
import { RuleId, Severity } from '../core';

export const SECTION = 'dockerConfigGuard';

export type RuleSetting = 'off' | Severity;

export interface Settings {
  enable: boolean;
  files: string[];
  maskPasswords: boolean;
  rules: Partial<Record<RuleId, RuleSetting>>;
  debounceMs: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get<boolean>('enable', true),
    files: c.get<string[]>('files', []),
    maskPasswords: c.get<boolean>('hover.maskPasswords', false),
    rules: c.get<Partial<Record<RuleId, RuleSetting>>>('rules', {}),
    debounceMs: Math.max(0, c.get<number>('debounceMs', 150)),
  };
}
