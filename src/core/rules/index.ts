/**
 * The rule catalogue: every rule in documentation order (docs/rules.md has a section, anchor = id, for
 * each). `RuleId`, the rule table (`RULES`), `analyze`, the SARIF rule metadata and the command line's
 * `rules` command all derive from this list. A new rule is one module, listed here.
 */
import { ClientId, clientOf } from '../clients';
import { ConfigModel, ParseOptions, parseConfig } from '../docker/model';
import { FindingOf, Severity } from '../findings';
import { authMismatch, invalidAuth } from './authValue';
import { duplicateRegistry } from './duplicates';
import { emptyAuth, ignoredField, plaintextCredential, shadowedCredential } from './entries';
import { filePermissions } from './filePermissions';
import { helperKeyForm, helperName, helperNotFound } from './helpers';
import { unknownKey } from './keys';
import { helperFailed, helperMissingCredential, liveChecksOff } from './live';
import { invalidPullSecret, pullSecretUsesHelper } from './pullSecret';
import { dockerHubKey, wildcardRegistry } from './registryKeys';
import { jsonSyntax, readsNothing } from './syntax';
import { CheckOptions, DockerLoad, Rule, RuleTag } from './types';
import { wrongType } from './wrongType';
import { contextNotFound } from './context';
import { tokenExpired } from './tokens';
import { registryHelperAsStore } from './registryStore';

const CATALOGUE = [
  jsonSyntax,
  wrongType,
  emptyAuth,
  plaintextCredential,
  shadowedCredential,
  invalidAuth,
  authMismatch,
  helperName,
  helperNotFound,
  helperMissingCredential,
  helperFailed,
  helperKeyForm,
  wildcardRegistry,
  unknownKey,
  dockerHubKey,
  duplicateRegistry,
  filePermissions,
  ignoredField,
  pullSecretUsesHelper,
  invalidPullSecret,
  contextNotFound,
  tokenExpired,
  registryHelperAsStore,
] as const;

/** Statuses told like findings that are not rules: no setting, not in RULES. */
const NOTICES = [liveChecksOff] as const;

export type RuleId = (typeof CATALOGUE)[number]['meta']['id'];
export type NoticeId = (typeof NOTICES)[number]['meta']['id'];
export type CheckId = RuleId | NoticeId;

export type Finding = FindingOf<CheckId>;

export interface RuleInfo {
  id: RuleId;
  /** One line, in the current language. */
  readonly title: string;
  /** The severity of most of its findings (a message may have its own). */
  severity: Severity;
  /** Found only by running credential helpers (see src/core/live.ts). */
  live?: true;
  tags?: readonly RuleTag[];
}

/** Rule ids in documentation order, with their title, default severity and flags. */
export const RULES: readonly RuleInfo[] = CATALOGUE.map(({ meta }) => ({
  id: meta.id,
  get title() {
    return meta.title();
  },
  severity: meta.severity,
  ...(meta.live ? { live: meta.live } : {}),
  ...(meta.tags ? { tags: meta.tags } : {}),
}));

const BY_ID = new Map<string, (typeof CATALOGUE)[number] | (typeof NOTICES)[number]>([...CATALOGUE, ...NOTICES].map((r) => [r.meta.id, r]));

/** The text of a finding, in the current language (rendered from its rule's message and data). */
export function messageOf(finding: Pick<Finding, 'rule' | 'messageId' | 'data'>): string {
  return BY_ID.get(finding.rule)?.render(finding.messageId, finding.data) ?? finding.messageId;
}

/** The catalogue entry of a rule or notice. */
export function ruleOf(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The tags of a rule or notice (how an editor marks its findings). */
export function tagsOf(id: string): readonly RuleTag[] {
  return BY_ID.get(id)?.meta.tags ?? [];
}

export interface AnalyzeOptions extends ParseOptions, CheckOptions {
  /** Whose reading of the file the rules follow (default: docker). See src/core/clients/. */
  profile?: ClientId;
}

export interface Analysis {
  model: ConfigModel;
  findings: Finding[];
  load: DockerLoad;
}

/** Text in, findings out: every rule of the catalogue, for the client's reading of the text. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { model, syntax } = parseConfig(text, options);
  const client = clientOf(options.profile);
  const input = { model, syntax, client, options };
  const findings: Finding[] = [];
  for (const rule of CATALOGUE) for (const f of rule.run(input)) findings.push(f);
  findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  const rootIgnored = !!model.root && model.root.type !== 'object' && model.root.type !== 'null';
  const ignored = readsNothing(text, syntax, model.root, client) || rootIgnored;
  const load: DockerLoad = ignored ? 'ignored' : findings.some((f) => f.rule === 'wrong-type' || f.rule === 'invalid-auth') ? 'partial' : 'ok';
  return { model, findings, load };
}
