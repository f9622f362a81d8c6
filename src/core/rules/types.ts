/**
 * A rule is one module (as in ESLint): `meta` (id, title, default severity, tags, messages: each message's
 * text and, where it differs from the rule's, its severity) next to `check`, which reports findings by
 * message id and data. Severity lives in the metadata, never at a call site. Typed without `any`: a report's
 * message id must be one of the rule's and its data what that message reads.
 */
import { JSONPath } from 'jsonc-parser';
import { ClientReading } from '../clients/types';
import { ContextStore } from '../docker/contexts';
import { ConfigModel } from '../docker/model';
import { FindingOf, MessageData, Severity } from '../findings';
import { TextEdit, minimalEdit } from '../json/edits';
import { JsonValue, Prop, SyntaxIssue, pathOf } from '../json/reader';

export interface Message<D extends MessageData = MessageData> {
  /** Default: the rule's. */
  severity?: Severity;
  text(data: D): string;
}

export type Messages = Readonly<Record<string, Message>>;

type DataOf<X> = X extends Message<infer D> ? D : never;

/** How an editor marks a finding besides its severity (VS Code's DiagnosticTag). */
export type RuleTag = 'unnecessary';

export interface RuleMeta<Id extends string, M extends Messages> {
  id: Id;
  /** One line, localized when called. */
  title(): string;
  /** The severity of the rule's messages unless a message says otherwise. */
  severity: Severity;
  tags?: readonly RuleTag[];
  /** Found only by running credential helpers (see src/core/live.ts). */
  live?: true;
  /** Not a rule but a status (no setting, not in RULES): e.g. live checks that did not run. */
  notice?: true;
  messages: M;
}

/** Where a finding sits: a property's key or value, a value with its path, or a range. */
export type Where = { prop: Prop; at: 'key' | 'value' } | { node: JsonValue; path: JSONPath } | { offset: number; length: number; path: JSONPath };

export type ReportOf<M extends Messages, K extends keyof M & string> = Where & { messageId: K; data: DataOf<M[K]> };

/** What a check gets besides the text: facts only the host knows. */
export interface CheckOptions {
  /**
   * Whether docker would find `docker-credential-<name>` on PATH (a file check, nothing is run; the
   * adapters pass discovery's `isHelperOnPath`). Without it, helper-not-found is not checked.
   */
  helperOnPath?: (name: string) => boolean;
  /** The file's permission bits (POSIX). Without them, file-permissions is not checked. */
  fileMode?: number;
  /** The docker contexts stored next to the file (docker/contexts.ts readContexts). Without them, context-not-found is not checked. */
  contexts?: ContextStore;
  /** The time to judge expiry by (ms since 1970; the adapters pass Date.now()). Without it, token-expired is not checked. */
  now?: number;
  /** Facts about this machine for helper-not-found's reasons and fix (adapters pass discovery's hostFacts). */
  host?: HostFacts;
}

/** Facts about the machine a file is checked on (data: tests pass their own). */
export interface HostFacts {
  /** Node's process.platform: 'darwin', 'win32', 'linux', ... */
  platform: string;
  /** Set in WSL: whether Windows interop (running Windows .exe programs) is on. */
  wsl?: { interop: boolean };
  /** The store helpers installed here, in PATH order (token-only helpers left out). */
  storeHelpers: readonly string[];
}

export interface CheckInput {
  model: ConfigModel;
  syntax: readonly SyntaxIssue[];
  client: ClientReading;
  options: CheckOptions;
}

export interface RuleContext<M extends Messages> extends CheckInput {
  report<K extends keyof M & string>(report: ReportOf<M, K>): void;
}

export type FixKind = 'remove-empty-entry' | 'remove-all-empty-entries' | 'strip-helper-prefix' | 'rename-key' | 'docker-hub-key' | 'add-hub-helper' | 'set-context' | 'helper-to-cred-helpers' | 'installed-store-helper';

export interface Fix {
  kind: FixKind;
  title: string;
  /** A single edit against the analysed text. */
  edit: TextEdit;
  isPreferred?: boolean;
}

/** What a rule's quick fixes are built from: the text, one of its findings, and the analysis of the text. */
export interface FixContext {
  text: string;
  finding: FindingOf;
  model: ConfigModel;
  findings: readonly FindingOf[];
}

/** A fix that turns `text` into `after` as one minimal edit; none when nothing would change. */
export function fixTo(kind: FixKind, title: string, text: string, after: string | undefined, isPreferred = false): Fix[] {
  return after === undefined || after === text ? [] : [{ kind, title, edit: minimalEdit(text, after), isPreferred }];
}

export interface RuleSpec<Id extends string, M extends Messages> {
  meta: RuleMeta<Id, M>;
  /** Absent for rules whose findings come from elsewhere (live checks, YAML manifests): see `finding`. */
  check?(ctx: RuleContext<M>): void;
  /** The rule's quick fixes for one of its findings (text edits; editor commands are the editor's). */
  fixes?(ctx: FixContext): Fix[];
}

export interface Rule<Id extends string = string, M extends Messages = Messages> extends RuleSpec<Id, M> {
  /** The rule's findings for one text. */
  run(input: CheckInput): Array<FindingOf<Id>>;
  /** A finding of this rule made outside `check` (live answers, YAML manifests). */
  finding<K extends keyof M & string>(report: ReportOf<M, K>): FindingOf<Id>;
  /** The text of one of its messages, in the current language. */
  render(messageId: string, data: MessageData): string;
}

export function defineRule<Id extends string, M extends Messages>(spec: RuleSpec<Id, M>): Rule<Id, M> {
  const { meta } = spec;
  const finding = <K extends keyof M & string>(report: ReportOf<M, K>): FindingOf<Id> => {
    const { messageId, data } = report;
    const severity = meta.messages[messageId].severity ?? meta.severity;
    if ('prop' in report) {
      const { prop } = report;
      const key = report.at === 'key';
      return { rule: meta.id, severity, messageId, data, offset: key ? prop.keyOffset : prop.value.offset, length: key ? prop.keyLength : prop.value.length, path: pathOf(prop) };
    }
    if ('node' in report) return { rule: meta.id, severity, messageId, data, offset: report.node.offset, length: report.node.length, path: report.path };
    return { rule: meta.id, severity, messageId, data, offset: report.offset, length: report.length, path: report.path };
  };
  return {
    ...spec,
    finding,
    run(input) {
      const found: Array<FindingOf<Id>> = [];
      spec.check?.({ ...input, report: (r) => found.push(finding(r)) });
      return found;
    },
    render(messageId, data) {
      const message = Object.prototype.hasOwnProperty.call(meta.messages, messageId) ? meta.messages[messageId] : undefined;
      return message ? message.text(data) : messageId;
    },
  };
}

/**
 * How much of the file docker loads: all of it; none ('ignored': a syntax error or a top level
 * that is not an object; docker then behaves as with an empty file); or 'partial': a Go type
 * error or a bad `auth` stops the loader before (some) `auth` values are decoded, and docker
 * sends those raw.
 */
export type DockerLoad = 'ok' | 'ignored' | 'partial';

/** What the live checks read of an analysis. */
export interface Loaded {
  model: ConfigModel;
  load: DockerLoad;
}
