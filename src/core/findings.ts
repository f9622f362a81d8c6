/** The finding format shared by the editor, the command line and the tests. */
import { t } from './l10n';

export type RuleId =
  | 'json-syntax'
  | 'wrong-type'
  | 'empty-auth'
  | 'plaintext-credential'
  | 'shadowed-credential'
  | 'invalid-auth'
  | 'auth-mismatch'
  | 'helper-name'
  | 'helper-not-found'
  | 'helper-missing-credential'
  | 'helper-failed'
  | 'helper-key-form'
  | 'wildcard-registry'
  | 'unknown-key'
  | 'docker-hub-key'
  | 'duplicate-registry'
  | 'file-permissions'
  | 'ignored-field'
  | 'pull-secret-uses-helper'
  | 'invalid-pull-secret';

export type Severity = 'error' | 'warning' | 'info';

export type JSONPath = Array<string | number>;

/** What a message is made from (and what a quick fix needs): a few short strings and numbers. */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * A finding as plain data, made by a rule module (src/core/rules/): the text is rendered from its rule's
 * message id and data when shown, so it survives `{...finding}` and `JSON.stringify`.
 */
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

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Never contains a secret, decoded or raw. */
  message: string;
  /** UTF-16 offset and length of the offending key or value in the analysed text. */
  offset: number;
  length: number;
  /** JSON path of the node, e.g. ["auths", "https://index.docker.io/v1/"]. */
  path: JSONPath;
  /** Facts a quick fix needs. */
  data?: FindingData;
}

export interface FindingData {
  /** unknown-key: the key that was meant. */
  suggestion?: string;
  /** helper-name: the value with a docker-credential- prefix removed. */
  strippedHelper?: string;
  /** file-permissions: the file's mode (permission bits). */
  mode?: number;
}

export interface RuleInfo {
  id: RuleId;
  title: string;
  /** Found only by running credential helpers (see src/core/live.ts). */
  live?: true;
}

/** Rule ids in documentation order; docs/rules.md has a section (anchor = id) for each. */
export const RULES: readonly RuleInfo[] = [
  { id: 'json-syntax', get title() { return t('Docker cannot parse the file'); } },
  { id: 'wrong-type', get title() { return t('A known field has the wrong JSON type'); } },
  { id: 'empty-auth', get title() { return t('An auths entry holds no credentials'); } },
  { id: 'plaintext-credential', get title() { return t('A secret stored in plain text'); } },
  { id: 'shadowed-credential', get title() { return t('A plaintext secret that a helper overrides'); } },
  { id: 'invalid-auth', get title() { return t('An auth value docker cannot decode'); } },
  { id: 'auth-mismatch', get title() { return t('auth and username/password disagree'); } },
  { id: 'helper-name', get title() { return t('A helper name docker cannot run as meant'); } },
  { id: 'helper-not-found', get title() { return t('A credential helper that is not installed'); } },
  { id: 'helper-missing-credential', get title() { return t('The helper has no credentials for a registry'); }, live: true },
  { id: 'helper-failed', get title() { return t('A credential helper that fails'); }, live: true },
  { id: 'helper-key-form', get title() { return t('A credHelpers key docker never looks up'); } },
  { id: 'wildcard-registry', get title() { return t('A registry key with a wildcard'); } },
  { id: 'unknown-key', get title() { return t('A key docker does not know'); } },
  { id: 'docker-hub-key', get title() { return t('A Docker Hub key the docker CLI never uses'); } },
  { id: 'duplicate-registry', get title() { return t('Two keys for one registry'); } },
  { id: 'file-permissions', get title() { return t('Plaintext secrets in a file others can read'); } },
  { id: 'ignored-field', get title() { return t('A field podman, skopeo or kubelet ignores'); } },
  { id: 'pull-secret-uses-helper', get title() { return t('A pull secret that relies on a credential helper'); } },
  { id: 'invalid-pull-secret', get title() { return t('A pull secret the API server rejects or kubelet cannot read'); } },
];

export const DOCS_URL = 'https://github.com/docker-config-guard/docker-config-guard/blob/main/docs/rules.md';

export function ruleDocUrl(rule: RuleId): string {
  return `${DOCS_URL}#${rule}`;
}
