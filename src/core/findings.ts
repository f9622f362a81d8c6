/**
 * The finding format shared by the editor, the command line and the tests: plain data that survives
 * `{...finding}` and `JSON.stringify`. The text is not stored: `messageOf(finding)` (rules/index.ts) renders
 * it from the rule's catalogue entry, its message id and the small data kept with the finding.
 */

export type Severity = 'error' | 'warning' | 'info';

export type JSONPath = Array<string | number>;

/** What a message is made from (and what a quick fix needs): a few short strings and numbers. */
export type MessageData = Readonly<Record<string, string | number>>;

/** A finding of the rule (or notice) `Id`; core/index.ts exports `Finding` for every id of the catalogue. */
export interface FindingOf<Id extends string = string> {
  rule: Id;
  severity: Severity;
  /** The message of the rule's catalogue entry that tells this finding. */
  messageId: string;
  /** Never contains a secret, decoded or raw. */
  data: MessageData;
  /** UTF-16 offset and length of the offending key or value in the analysed text. */
  offset: number;
  length: number;
  /** JSON path of the node, e.g. ["auths", "https://index.docker.io/v1/"]. */
  path: JSONPath;
}

export const DOCS_URL = 'https://github.com/docker-config-guard/docker-config-guard/blob/main/docs/rules.md';

/** The documentation of a rule (or notice): its section in docs/rules.md. */
export function ruleDocUrl(rule: string): string {
  return `${DOCS_URL}#${rule}`;
}
