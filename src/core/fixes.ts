/** Quick fixes: each rule builds its own (the `fixes` of its module); this finds the rule of a finding. */
import { Analysis, Finding, analyze, ruleOf } from './rules';
import { removeEmpty } from './rules/entries';
import { Fix } from './rules/types';

export type { Fix, FixKind } from './rules/types';

export function fixesFor(text: string, finding: Finding, analysis: Analysis = analyze(text)): Fix[] {
  return ruleOf(finding.rule)?.fixes?.({ text, finding, model: analysis.model, findings: analysis.findings }) ?? [];
}

/** Removes every empty auths entry docker reads; returns the new text and how many went. */
export function removeEmptyEntries(text: string, analysis: Analysis = analyze(text)): { text: string; removed: number } {
  return removeEmpty(text, analysis.model, analysis.findings);
}
