/** The rules. Text in, findings out; every message is true for docker CLI 28, podman/skopeo and kubelet. */
import { ParseErrorCode } from 'jsonc-parser';
import { decodeAuth } from './docker/auth';
import { Finding, FindingData, JSONPath, RuleId, Severity } from './findings';
import { t } from './l10n';
import { AuthEntry, ConfigModel, ParseOptions, HelperChoice, fieldValue, helperFor, parseConfig, secretFields } from './docker/model';
import { JsonValue, Prop, SyntaxIssue, pathOf, propsOf } from './json/reader';
import { ClientProfile, PROFILES, Profile, ignoresKey, refusal, typeRefusal } from './profiles';
import { DOCKER_HUB_KEY, convertToHostname, isMisspelledDockerHubKey, registryOfAuthsKey } from './docker/registry';
import {
  AUTH_ENTRY_FIELDS,
  GoType,
  PROXY_FIELDS,
  REMOVED_TOP_LEVEL,
  SECRET_FIELDS,
  TOP_LEVEL_FIELDS,
  canonicalField,
  canonicalTopLevel,
  suggestEntryField,
  suggestTopLevel,
} from './docker/schema';

export interface AnalyzeOptions extends ParseOptions {
  /**
   * Whether docker would find `docker-credential-<name>` on PATH (a file check, nothing is run;
   * the adapters pass discovery's `isHelperOnPath`). Without it, helper-not-found is not checked.
   */
  helperOnPath?: (name: string) => boolean;
  /** The file's permission bits (POSIX). Without them, file-permissions is not checked. */
  fileMode?: number;
  /** Whose reading of the file the rules follow (default: docker). See src/core/profiles.ts. */
  profile?: ClientProfile;
}

/**
 * How much of the file docker loads: all of it; none ('ignored': a syntax error or a top level
 * that is not an object; docker then behaves as with an empty file); or 'partial': a Go type
 * error or a bad `auth` stops the loader before (some) `auth` values are decoded, and docker
 * sends those raw.
 */
export type DockerLoad = 'ok' | 'ignored' | 'partial';

export interface Analysis {
  model: ConfigModel;
  findings: Finding[];
  load: DockerLoad;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { model, syntax } = parseConfig(text, options);
  const out = new Collector(PROFILES[options.profile ?? 'docker']);
  const docker = out.profile.id === 'docker';
  const ignored = syntax.length > 0 && syntaxFinding(out, model.text, syntax[0], model.root);
  if (!docker && !model.root && syntax.length === 0) noValue(out, text);
  checkTypes(out, model);
  checkKeys(out, model);
  checkHelpers(out, model, docker ? options.helperOnPath : undefined);
  checkEntries(out, model);
  checkDuplicates(out, model);
  checkFileMode(out, model, options.fileMode);
  out.findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  const rootIgnored = !!model.root && model.root.type !== 'object' && model.root.type !== 'null';
  const load: DockerLoad = ignored || rootIgnored ? 'ignored' : out.findings.some((f) => f.rule === 'wrong-type' || f.rule === 'invalid-auth') ? 'partial' : 'ok';
  return { model, findings: out.findings, load };
}

/**
 * A message, or a function that makes it when it is first read, from up to two values kept with
 * the finding (no closure per finding: 100,000 findings stay cheap).
 */
type Message = string | (() => string) | MessageFn;
type MessageFn = { fn: (a: any, b: any) => string; a: unknown; b: unknown };

/** A finding whose message and path are made when first read. */
class LazyFinding implements Finding {
  data?: FindingData;
  private made: Message;
  private where: Prop | JSONPath;
  constructor(
    readonly rule: RuleId,
    readonly severity: Severity,
    readonly offset: number,
    readonly length: number,
    where: Prop | JSONPath,
    message: Message,
  ) {
    this.where = where;
    this.made = message;
  }
  get message(): string {
    const m = this.made;
    if (typeof m === 'string') return m;
    return (this.made = typeof m === 'function' ? m() : m.fn(m.a, m.b));
  }
  get path(): JSONPath {
    if (!Array.isArray(this.where)) this.where = pathOf(this.where);
    return this.where;
  }
  toJSON(): Finding {
    const { rule, severity, message, offset, length, path, data } = this;
    return data ? { rule, severity, message, offset, length, path, data } : { rule, severity, message, offset, length, path };
  }
}

function withData(f: LazyFinding, data?: FindingData): Finding {
  if (data) f.data = data;
  return f;
}

/** A finding on a property's value: its range, the path of its property. */
export function valueFinding(rule: RuleId, severity: Severity, prop: Prop, message: Message, data?: FindingData): Finding {
  return withData(new LazyFinding(rule, severity, prop.value.offset, prop.value.length, prop, message), data);
}

/** A finding on a key: the range of the key, the path of its property. */
export function keyFinding(rule: RuleId, severity: Severity, prop: Prop, message: Message, data?: FindingData): Finding {
  return withData(new LazyFinding(rule, severity, prop.keyOffset, prop.keyLength, prop, message), data);
}

class Collector {
  readonly findings: Finding[] = [];
  constructor(readonly profile: Profile) {}
  /** A finding on a value: its range, the given path. */
  add(rule: RuleId, severity: Severity, value: JsonValue, path: JSONPath, message: Message, data?: FindingData): void {
    this.findings.push(withData(new LazyFinding(rule, severity, value.offset, value.length, path, message), data));
  }
  addValue(rule: RuleId, severity: Severity, prop: Prop, message: Message, data?: FindingData): void {
    this.findings.push(valueFinding(rule, severity, prop, message, data));
  }
  addKey(rule: RuleId, severity: Severity, prop: Prop, message: Message, data?: FindingData): void {
    this.findings.push(keyFinding(rule, severity, prop, message, data));
  }
}

// ---------------------------------------------------------------- json-syntax

const ignored = (): string =>
  t('Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with none of its credentials (only a default helper found on PATH, such as pass, is still asked).');

/** Reports the first problem, as docker stops there; returns whether docker ignores the file. */
function syntaxFinding(out: Collector, text: string, issue: SyntaxIssue, root: JsonValue | undefined): boolean {
  let message: string;
  let length = issue.length;
  const docker = out.profile.id === 'docker';
  const unread = docker ? ignored() : refusal(out.profile.id);
  if (issue.code === 'bom') {
    message = docker
      ? t('The file starts with a UTF-8 byte order mark (BOM), which docker\'s JSON decoder rejects. {0} Save the file as UTF-8 without BOM.', unread)
      : t('The text starts with a UTF-8 byte order mark (BOM), which Go\'s JSON decoder rejects. {0}', unread);
  } else if (issue.code === ParseErrorCode.EndOfFileExpected || (root && issue.offset >= root.offset + root.length && issue.code !== ParseErrorCode.CloseBraceExpected)) {
    message = docker
      ? t('Text after the end of the top-level JSON value. Docker reads the first value and ignores the rest, but podman, skopeo and other strict readers reject the whole file.')
      : t('Text after the end of the top-level JSON value. {0}', unread);
    out.findings.push(syntax(message, issue.offset, Math.max(0, text.length - issue.offset)));
    return !docker;
  } else if (issue.code === 'depth') {
    message = t('Arrays and objects nested more than 10,000 levels deep: Go\'s JSON decoder stops here ("exceeded max depth"). {0}', unread);
  } else if (isTrailingComma(text, issue)) {
    const comma = text.lastIndexOf(',', issue.offset);
    message = t('Trailing comma: JSON allows no comma before "{0}". {1}', text[issue.offset], unread);
    out.findings.push(syntax(message, comma, 1));
    return true;
  } else {
    message = t('{0}. {1}', syntaxDetail(issue.code), unread);
  }
  out.findings.push(syntax(message, Math.min(issue.offset, text.length), Math.max(0, Math.min(length, text.length - issue.offset))));
  return true;
}

function syntax(message: string, offset: number, length: number): Finding {
  return { rule: 'json-syntax', severity: 'error', message, offset, length, path: [] };
}

/** Empty text: docker reads it as an empty config, but Go's json.Unmarshal (podman, the API server) fails. */
function noValue(out: Collector, text: string): void {
  out.findings.push(syntax(t('There is no JSON value here. {0}', refusal(out.profile.id)), 0, text.length));
}

function isTrailingComma(text: string, issue: SyntaxIssue): boolean {
  if (issue.code !== ParseErrorCode.PropertyNameExpected && issue.code !== ParseErrorCode.ValueExpected) return false;
  const ch = text[issue.offset];
  if (ch !== '}' && ch !== ']') return false;
  let i = issue.offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',';
}

function syntaxDetail(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken:
      return t('Comments are not allowed in JSON');
    case ParseErrorCode.UnexpectedEndOfComment:
      return t('Unterminated comment');
    case ParseErrorCode.UnexpectedEndOfString:
      return t('Unterminated string');
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return t('Invalid number');
    case ParseErrorCode.InvalidUnicode:
    case ParseErrorCode.InvalidEscapeCharacter:
      return t('Invalid escape sequence in a string');
    case ParseErrorCode.InvalidCharacter:
      return t('Control character in a string (write it as an escape such as \\n)');
    case ParseErrorCode.CloseBraceExpected:
      return t('Expected "}" (is the file cut short?)');
    case ParseErrorCode.CloseBracketExpected:
      return t('Expected "]" (is the file cut short?)');
    case ParseErrorCode.ColonExpected:
      return t('Expected ":" after the key');
    case ParseErrorCode.CommaExpected:
      return t('Expected "," between members');
    case ParseErrorCode.PropertyNameExpected:
      return t('Expected a key in double quotes');
    case ParseErrorCode.ValueExpected:
      return t('Expected a value');
    default:
      return t('Invalid JSON');
  }
}

// ---------------------------------------------------------------- wrong-type

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return t('a string');
    case 'object-of-strings':
      return t('an object of strings');
    case 'array-of-strings':
      return t('an array of strings');
    case 'object-of-objects-of-strings':
      return t('an object of objects of strings');
    case 'auths':
      return t('an object of registry entries');
    case 'proxies':
      return t('an object of proxy settings');
    default:
      return t('an object');
  }
}

function jsonTypeName(node: JsonValue): string {
  return node.type === 'array' ? t('an array') : node.type === 'object' ? t('an object') : node.type === 'string' ? t('a string') : node.type === 'number' ? t('a number') : node.type === 'boolean' ? t('a boolean') : node.type;
}

function wrongType(out: Collector, node: JsonValue, path: JSONPath, expected: string): void {
  const name = path.join('.');
  out.add(
    'wrong-type',
    'error',
    node,
    path,
    out.profile.id === 'docker'
      ? t('"{0}" must be {1}, not {2}. Docker prints "WARNING: Error parsing config file (…): json: cannot unmarshal …", drops this value and decodes no "auth" value of the file (they go to the registry undecoded); podman and skopeo refuse the file.', name, typeName(expected), jsonTypeName(node))
      : t('"{0}" must be {1}, not {2}. {3}', name, typeName(expected), jsonTypeName(node), typeRefusal(out.profile.id)),
  );
}

/** Whether the client reads this top-level field (docker reads every field of its ConfigFile). */
function reads(profile: Profile, field: string): boolean {
  return profile.reads === 'all' || profile.reads.includes(field);
}

/** Go decodes null into anything as "leave unset", so null is never a wrong type. */
function isType(node: JsonValue, type: 'string' | 'object' | 'array'): boolean {
  return node.type === type || node.type === 'null';
}

function checkStringMap(out: Collector, value: JsonValue, path: JSONPath): void {
  if (!isType(value, 'object')) return wrongType(out, value, path, 'object-of-strings');
  for (const p of propsOf(value)) if (!isType(p.value, 'string')) wrongType(out, p.value, [...path, p.key], 'string');
}

function checkGoType(out: Collector, prop: Prop, type: GoType): void {
  const value = prop.value;
  const path = pathOf(prop);
  switch (type) {
    case 'string':
      if (!isType(value, 'string')) wrongType(out, value, path, type);
      return;
    case 'object-of-strings':
      return checkStringMap(out, value, path);
    case 'array-of-strings':
      if (!isType(value, 'array')) return wrongType(out, value, path, type);
      (value.items ?? []).forEach((item, i) => {
        if (!isType(item, 'string')) wrongType(out, item, [...path, i], 'string');
      });
      return;
    case 'object-of-objects-of-strings':
      if (!isType(value, 'object')) return wrongType(out, value, path, type);
      for (const p of propsOf(value)) checkStringMap(out, p.value, [...path, p.key]);
      return;
    case 'proxies':
      if (!isType(value, 'object')) return wrongType(out, value, path, type);
      for (const p of propsOf(value)) {
        if (!isType(p.value, 'object')) {
          wrongType(out, p.value, [...path, p.key], 'object');
          continue;
        }
        for (const q of propsOf(p.value)) {
          if (canonicalField(q.key, PROXY_FIELDS) && !isType(q.value, 'string')) wrongType(out, q.value, [...path, p.key, q.key], 'string');
        }
      }
      return;
    case 'auths':
      if (!isType(value, 'object')) return wrongType(out, value, path, type);
      for (const entry of propsOf(value)) {
        if (!isType(entry.value, 'object')) {
          wrongType(out, entry.value, pathOf(entry), 'object');
          continue;
        }
        for (const f of propsOf(entry.value)) {
          if (f.value.type !== 'string' && f.value.type !== 'null' && canonicalField(f.key, AUTH_ENTRY_FIELDS)) wrongType(out, f.value, pathOf(f), 'string');
        }
      }
      return;
  }
}

function checkTypes(out: Collector, model: ConfigModel): void {
  const root = model.root;
  if (!root || root.type === 'null') return;
  if (root.type !== 'object') {
    out.add(
      'wrong-type',
      'error',
      root,
      [],
      out.profile.id === 'docker'
        ? t('The file must hold a JSON object, not {0}. Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with no credentials.', jsonTypeName(root))
        : t('The text must hold a JSON object, not {0}. {1}', jsonTypeName(root), refusal(out.profile.id)),
    );
    return;
  }
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field && reads(out.profile, field)) checkGoType(out, prop, TOP_LEVEL_FIELDS[field]);
  }
}

// ---------------------------------------------------------------- unknown-key

/**
 * No white space, and a "." or ":" before the first "/" (a scheme's "http:" counts): what the regular expression
 * /^(https?:\/\/)?[^\s/]*[.:][^\s]*$/ accepts, in linear time (that expression backtracks quadratically on
 * "a.a.a…a ").
 */
function looksLikeRegistry(key: string): boolean {
  if (key === 'localhost') return true;
  if (/\s/.test(key)) return false;
  const slash = key.indexOf('/');
  const head = slash < 0 ? key : key.slice(0, slash);
  return head.includes('.') || head.includes(':');
}

function checkKeys(out: Collector, model: ConfigModel): void {
  const docker = out.profile.id === 'docker';
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field === prop.key || (field && !reads(out.profile, field)) || (!docker && REMOVED_TOP_LEVEL.has(prop.key))) continue;
    if (field) {
      out.addKey(
        'unknown-key',
        'warning',
        prop,
        t('"{0}" differs from "{1}" only in case. Docker and podman accept it (Go matches JSON keys case-insensitively), but tools that match keys exactly, such as docker-py, ignore it.', prop.key, field),
        { suggestion: field },
      );
    } else if (REMOVED_TOP_LEVEL.has(prop.key)) {
      out.addKey('unknown-key', 'warning', prop, t('"{0}" is no longer read by docker; it drops the key the next time it rewrites the file (e.g. on docker login).', prop.key));
    } else if (looksLikeRegistry(prop.key) && prop.value.type === 'object') {
      const tail = docker ? t('Docker ignores it here.') : ignoresKey(out.profile.id);
      out.addKey('unknown-key', 'warning', prop, t('"{0}" looks like a registry, but registries belong under "auths" (this is the layout of the old ~/.dockercfg file). {1}', prop.key, tail));
    } else {
      const meant = suggestTopLevel(prop.key);
      const tail = docker ? t('Docker ignores it and drops it the next time it rewrites the file (e.g. on docker login).') : ignoresKey(out.profile.id);
      out.addKey(
        'unknown-key',
        'warning',
        prop,
        meant ? t('Unknown key "{0}": did you mean "{1}"? {2}', prop.key, meant, tail) : t('Unknown key "{0}". {1}', prop.key, tail),
        meant ? { suggestion: meant } : undefined,
      );
    }
  }
  for (const entry of model.authEntries) {
    for (const f of propsOf(entry.prop.value)) {
      const field = canonicalField(f.key, AUTH_ENTRY_FIELDS);
      if (field === f.key) continue;
      if (field) {
        out.addKey(
          'unknown-key',
          'warning',
          f,
          t('"{0}" differs from "{1}" only in case. Docker and podman accept it (Go matches JSON keys case-insensitively), but tools that match keys exactly, such as docker-py, ignore it.', f.key, field),
          { suggestion: field },
        );
      } else {
        const meant = suggestEntryField(f.key);
        const tail = docker ? t('Docker ignores it in a registry entry.') : ignoresKey(out.profile.id);
        out.addKey(
          'unknown-key',
          'warning',
          f,
          meant ? t('Unknown key "{0}": did you mean "{1}"? {2}', f.key, meant, tail) : t('Unknown key "{0}". {1}', f.key, tail),
          meant ? { suggestion: meant } : undefined,
        );
      }
    }
  }
}

// ---------------------------------------------------------------- helpers and registry keys

export function helperNameProblem(value: string): string | undefined {
  if (value.startsWith('docker-credential-')) {
    return t('Write the helper\'s name without the "docker-credential-" prefix: docker adds it itself and would run "docker-credential-{0}", which does not exist.', value);
  }
  if (/[/\\]/.test(value)) {
    return t('A helper name must not contain "/" or "\\": docker runs "docker-credential-{0}" as a path relative to its current working directory, so the program that runs depends on where docker is started.', value);
  }
  if (/\s/.test(value)) {
    return t('A helper name must not contain white space: docker looks for a program named "docker-credential-{0}" literally and will not find it.', value);
  }
  return undefined;
}

function checkHelpers(out: Collector, model: ConfigModel, helperOnPath: AnalyzeOptions['helperOnPath']): void {
  const { helpers } = out.profile;
  if (helpers === 'none') return helpersInPullSecret(out, model);
  const store = model.credsStore;
  if (helpers === 'credHelpers' && store?.value) {
    out.addKey('ignored-field', 'warning', store.prop, { fn: storeIgnoredMessage, a: store.value, b: undefined });
  }
  const settings = [...(store && helpers === 'all' ? [store] : []), ...model.credHelpers.values()];
  const onPath = new Map<string, boolean>();
  for (const s of settings) {
    if (!s.value) continue;
    const problem = helperNameProblem(s.value);
    if (problem) {
      const stripped = s.value.startsWith('docker-credential-') ? s.value.slice('docker-credential-'.length) : undefined;
      out.addValue('helper-name', 'error', s.prop, problem, stripped ? { strippedHelper: stripped } : undefined);
      continue;
    }
    if (!helperOnPath) continue;
    if (!onPath.has(s.value)) onPath.set(s.value, helperOnPath(s.value));
    if (onPath.get(s.value)) continue;
    const name = s.value;
    const where = s === model.credsStore ? t('the credsStore helper "{0}"', name) : t('the helper "{0}" (credHelpers)', name);
    out.addValue(
      'helper-not-found',
      'error',
      s.prop,
      () => t('"docker-credential-{0}" is not on PATH, so {1} cannot run. Docker pull and push then silently use the plaintext "auths" entries instead (an empty placeholder sends no credentials), and "docker create" and "docker run" fail with "error getting credentials - err: exec: "docker-credential-{0}": executable file not found in $PATH". Install the helper, or fix the name.', name, where),
    );
  }
  if (helpers !== 'all') return helperKeysForContainers(out, model);
  const hubHelper = model.credHelpers.has(DOCKER_HUB_KEY);
  for (const p of model.credHelperProps) {
    if (p.key.includes('*')) {
      out.addKey('wildcard-registry', 'warning', p, t('Docker has no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one key per registry (host[:port]).', p.key));
    } else if (isMisspelledDockerHubKey(p.key)) {
      if (!hubHelper) {
        out.addKey(
          'docker-hub-key',
          'warning',
          p,
          t('The docker CLI looks up the helper for Docker Hub only under "{0}", never under "{1}" (podman and skopeo use "docker.io"). Add "{0}" with the same helper.', DOCKER_HUB_KEY, p.key),
        );
      }
    } else if (p.key !== DOCKER_HUB_KEY && p.key !== convertToHostname(p.key)) {
      out.addKey(
        'helper-key-form',
        'warning',
        p,
        t('Docker matches credHelpers keys exactly against the registry\'s host[:port] and never strips a scheme or path, so "{0}" is never used. Write "{1}".', p.key, convertToHostname(p.key)),
        { suggestion: convertToHostname(p.key) },
      );
    }
  }
}

/** Kubelet runs no helper: credsStore and credHelpers in a pull secret only hide missing credentials. */
function helpersInPullSecret(out: Collector, model: ConfigModel): void {
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field === 'credsStore' && prop.value.type === 'string' && prop.value.value) {
      out.addKey('pull-secret-uses-helper', 'error', prop, { fn: pullSecretStoreMessage, a: prop.value.value, b: undefined });
    } else if (field === 'credHelpers' && propsOf(prop.value).length > 0) {
      out.addKey('pull-secret-uses-helper', 'error', prop, { fn: pullSecretHelpersMessage, a: propsOf(prop.value).map((p) => p.key).join(', '), b: undefined });
    }
  }
}

function pullSecretStoreMessage(helper: string): string {
  return t('Kubelet ignores "credsStore" and never runs credential helpers: registries whose credentials are in the helper "{0}" get none from this pull secret, and pulls of private images fail with 401 / "no basic auth credentials". Put the credentials into "auths" (kubectl create secret docker-registry does).', helper);
}

function pullSecretHelpersMessage(registries: string): string {
  return t('Kubelet ignores "credHelpers" and never runs credential helpers: the registries listed there ({0}) get no credentials from this pull secret, and pulls of private images fail with 401 / "no basic auth credentials". Put the credentials into "auths" (kubectl create secret docker-registry does).', registries);
}

function storeIgnoredMessage(helper: string): string {
  return t('Podman, skopeo and buildah ignore "credsStore" and never ask the helper "{0}": registries whose credentials are only in that store get none from this file. Name the helper per registry in "credHelpers" instead.', helper);
}

/** containers/image looks up credHelpers by the image's registry (host[:port]; Docker Hub is docker.io). */
function containersRegistry(key: string): string {
  return key === DOCKER_HUB_KEY || isMisspelledDockerHubKey(key) ? 'docker.io' : convertToHostname(key);
}

function helperKeysForContainers(out: Collector, model: ConfigModel): void {
  for (const p of model.credHelperProps) {
    if (p.key.includes('*')) {
      out.addKey('wildcard-registry', 'warning', p, t('Podman, skopeo and buildah have no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one key per registry (host[:port]).', p.key));
    } else if (p.key !== convertToHostname(p.key)) {
      const meant = containersRegistry(p.key);
      out.addKey(
        'helper-key-form',
        'warning',
        p,
        t('Podman, skopeo and buildah look up credHelpers by the registry\'s host[:port] exactly (Docker Hub: "docker.io"), so "{0}" is never used. Write "{1}".', p.key, meant),
        { suggestion: meant },
      );
    }
  }
}

// ---------------------------------------------------------------- entries

export function describeHelper(choice: { helper: string; via: string }): string {
  return choice.via === 'credHelpers' ? t('the helper "{0}" (credHelpers)', choice.helper) : t('the credsStore helper "{0}"', choice.helper);
}

/** The helper the client asks for an entry's registry: docker's choice, credHelpers only, or none. */
function helperOf(model: ConfigModel, entry: AuthEntry, profile: Profile): HelperChoice | undefined {
  if (profile.helpers === 'all') return helperFor(model, entry.registry);
  if (profile.helpers === 'none') return undefined;
  const registry = containersRegistry(entry.key);
  return model.credHelpers.has(registry) ? helperFor(model, registry) : undefined;
}

function checkEntries(out: Collector, model: ConfigModel): void {
  const unique = model.auths.size === model.authEntries.length;
  const profile = out.profile;
  const docker = profile.id === 'docker';
  for (const entry of model.authEntries) {
    if (!unique && model.auths.get(entry.key) !== entry) continue; // an earlier copy of a repeated key: docker reads the last
    if (entry.key.includes('*') && !profile.wildcards) {
      out.addKey(
        'wildcard-registry',
        'warning',
        entry.prop,
        docker
          ? t('Docker has no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one entry per registry (host[:port]).', entry.key)
          : t('Podman, skopeo and buildah have no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one entry per registry (host[:port]).', entry.key),
      );
    }
    if (docker && isMisspelledDockerHubKey(entry.key)) {
      out.addKey(
        'docker-hub-key',
        'warning',
        entry.prop,
        t('The docker CLI looks up Docker Hub credentials only under "{0}", so it never uses "{1}" (skopeo and podman accept this spelling). Rename the key to "{0}".', DOCKER_HUB_KEY, entry.key),
      );
    }
    if (!entry.isObject) continue;
    const choice = helperOf(model, entry, profile);
    for (const name of profile.secrets) {
      const p = entry.fields[name];
      if (!p || p.value.value === '') continue;
      if (!choice) out.addValue('plaintext-credential', 'warning', p, { fn: profile.id === 'kubelet' ? manifestPlaintextMessage : plaintextMessage, a: entry, b: p });
      else out.addValue('shadowed-credential', 'warning', p, { fn: !docker ? shadowedForContainersMessage : choice.via === 'credHelpers' ? shadowedByHelperMessage : shadowedByStoreMessage, a: choice, b: p });
    }
    for (const name of profile.ignores) {
      const p = entry.fields[name];
      if (!p || p.value.value === '') continue;
      const secret = SECRET_FIELDS.has(name);
      out.addKey('ignored-field', secret ? 'warning' : 'info', p, { fn: ignoredFieldMessage, a: profile.id, b: p });
    }
    if (!profile.sends.some((name) => fieldValue(entry, name) !== '')) {
      if (docker) {
        if (!choice) out.addKey('empty-auth', 'error', entry.prop, { fn: emptyMessage, a: entry, b: undefined });
        else out.addKey('empty-auth', 'warning', entry.prop, { fn: choice.via === 'credHelpers' ? placeholderHelperMessage : placeholderStoreMessage, a: entry, b: choice });
      } else if (profile.id === 'kubelet') out.addKey('empty-auth', 'error', entry.prop, { fn: emptyForKubeletMessage, a: entry, b: undefined });
      else if (choice) out.addKey('empty-auth', 'info', entry.prop, { fn: placeholderForContainersMessage, a: entry, b: choice });
      else out.addKey('empty-auth', 'error', entry.prop, { fn: emptyForContainersMessage, a: entry, b: model.credsStore?.value });
    }
    checkAuthValue(out, entry);
  }
}

function emptyForKubeletMessage(entry: AuthEntry): string {
  return t('"{0}" holds no credentials kubelet can use (it reads only "auth", or "username" and "password", and runs no credential helper): pulls from this registry go without credentials, and private images fail with 401 / "no basic auth credentials". Put real credentials here (kubectl create secret docker-registry), or remove the entry.', entry.key);
}

function emptyForContainersMessage(entry: AuthEntry, store: string | undefined): string {
  return store
    ? t('"{0}" holds no "auth". Podman, skopeo and buildah read only "auth" here and ignore "credsStore" (the helper "{1}"), so they send no credentials for this registry and it answers unauthorized. Name the helper for it in "credHelpers", log in with podman login, or remove the entry.', entry.key, store)
    : t('"{0}" holds no "auth", the only credential podman, skopeo and buildah read here: they send no credentials and the registry answers unauthorized. Log in again (podman login), or remove the entry.', entry.key);
}

function placeholderForContainersMessage(entry: AuthEntry, choice: HelperChoice): string {
  return t('"{0}" is an empty placeholder: podman, skopeo and buildah ask {1} and never read it. It can go.', entry.key, describeHelper(choice));
}

function ignoredFieldMessage(profile: ClientProfile, field: Prop): string {
  const secret = SECRET_FIELDS.has(field.key.toLowerCase());
  if (profile === 'kubelet') {
    return t('Kubelet ignores "{0}" and sends only "auth", or "username" and "password", yet the secret sits here in plain text. Remove it.', field.key);
  }
  return secret
    ? t('Podman, skopeo and buildah ignore "{0}" and read only "auth" (base64 of username:password), yet the secret sits here in plain text. Remove it.', field.key)
    : t('Podman, skopeo and buildah ignore "{0}" and read only "auth" (base64 of username:password).', field.key);
}

function manifestPlaintextMessage(entry: AuthEntry, secret: Prop): string {
  return t('Plaintext secret in "{0}" for {1}. {2}Anyone who can read this manifest can use it: do not commit it; create the Secret in the cluster (kubectl create secret docker-registry) or keep it encrypted (Sealed Secrets, SOPS, an external secret store).', secret.key, entry.key, encodingNote(secret));
}

function shadowedForContainersMessage(choice: HelperChoice, secret: Prop): string {
  return t('Podman, skopeo and buildah take credentials for {0} from {1} and never read this "{2}": the secret only leaks. Remove it, or move it into the helper.', registryOfSecret(secret), describeHelper(choice), secret.key);
}

function emptyMessage(entry: AuthEntry): string {
  return t('"{0}" holds no credentials and no credential helper handles this registry: docker sends no credentials and the registry answers "no basic auth credentials" (or unauthorized). Log in again, or remove the entry.', entry.key);
}

function placeholderHelperMessage(entry: AuthEntry, choice: HelperChoice): string {
  return t('"{0}" is an empty placeholder. Docker, podman and skopeo ask {1}, but Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', entry.key, describeHelper(choice));
}

function placeholderStoreMessage(entry: AuthEntry, choice: HelperChoice): string {
  return t('"{0}" is an empty placeholder left by docker login. Docker asks {1}, but podman, skopeo and buildah (which ignore credsStore), Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', entry.key, describeHelper(choice));
}

function encodingNote(secret: Prop): string {
  return secret.key.toLowerCase() === 'auth' ? t('The value is only base64 of "username:password": an encoding, not encryption. ') : '';
}

/** The registry named in messages about a secret: that of the entry holding it. */
function registryOfSecret(secret: Prop): string {
  return secret.owner ? registryOfAuthsKey(secret.owner.key) : '';
}

function plaintextMessage(entry: AuthEntry, secret: Prop): string {
  return t('Plaintext secret in "{0}" for {1}. {2}Anyone who can read this file can use it. Move it into a credential helper.', secret.key, entry.registry, encodingNote(secret));
}

function shadowedByHelperMessage(choice: HelperChoice, secret: Prop): string {
  return t('Docker and podman take credentials for {0} from {1} and use this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. The secret only leaks: remove it or move it into the helper.', registryOfSecret(secret), describeHelper(choice), secret.key);
}

function shadowedByStoreMessage(choice: HelperChoice, secret: Prop): string {
  return t('Docker takes credentials for {0} from {1} and uses this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. Only podman, skopeo and Kubernetes pull secrets made from this file read it. {3}Move it into the helper.', registryOfSecret(secret), describeHelper(choice), secret.key, encodingNote(secret));
}

function checkAuthValue(out: Collector, entry: AuthEntry): void {
  const authProp = entry.fields.auth;
  const auth = fieldValue(entry, 'auth');
  if (!authProp || auth === '') return;
  const profile = out.profile;
  const decoded = decodeAuth(auth, profile.auth);
  if (!decoded.ok) {
    const message =
      profile.id === 'kubelet'
        ? t('This "auth" value does not decode to "username:password" ({0}). Kubelet cannot decode this pull secret: every image pull of a pod that uses it fails.', decoded.detail)
        : profile.id === 'containers'
          ? decoded.reason === 'base64'
            ? t('This "auth" value is not standard padded base64 ({0}). Podman, skopeo and buildah stop with an error ("illegal base64 data …") when they look up this registry.', decoded.detail)
            : t('This "auth" value does not decode to "username:password" ({0}). Podman, skopeo and buildah skip the entry with a warning and send no credentials.', decoded.detail)
          : decoded.reason === 'base64'
        ? t('This "auth" value is not standard padded base64 ({0}). Docker prints "WARNING: Error parsing config file (…): illegal base64 data …" and stops decoding: this and, at random, other entries\' "auth" values are sent to the registry undecoded.', decoded.detail)
        : t('This "auth" value does not decode to "username:password" ({0}). Docker prints "WARNING: Error parsing config file (…): Invalid auth configuration file" and stops decoding: this and, at random, other entries\' "auth" values are sent to the registry undecoded.', decoded.detail);
    out.addValue('invalid-auth', 'error', authProp, message);
    return;
  }
  if (profile.ignores.includes('password')) return; // ignored-field says it
  const user = entry.fields.username;
  const pass = entry.fields.password;
  const userDiffers = !!user && user.value.value !== '' && user.value.value !== decoded.username;
  const passDiffers = !!pass && pass.value.value !== '' && pass.value.value !== decoded.password;
  if (userDiffers || passDiffers) {
    const which = userDiffers && passDiffers ? t('username and password') : userDiffers ? t('username') : t('password');
    out.addValue(
      'auth-mismatch',
      'warning',
      authProp,
      profile.id === 'kubelet'
        ? t('"auth" and the "{0}" field of this entry disagree. Kubelet uses "auth" and ignores the fields.', which)
        : t('"auth" and the "{0}" field of this entry disagree. Docker uses "auth" and overwrites the fields; skopeo and podman ignore the fields.', which),
    );
  }
}

// ---------------------------------------------------------------- file-permissions

/** The mode docker login gives a new config file, and the one the quick fix sets. */
export const PRIVATE_FILE_MODE = 0o600;

function checkFileMode(out: Collector, model: ConfigModel, mode: number | undefined): void {
  if (mode === undefined || (mode & 0o044) === 0) return;
  const secrets = model.authEntries.flatMap((e) => (e.isObject ? secretFields(e) : []));
  if (secrets.length === 0) return;
  const who = (mode & 0o044) === 0o044 ? t('group and others') : mode & 0o040 ? t('its group') : t('others');
  const octal = '0' + (mode & 0o777).toString(8).padStart(3, '0');
  out.addValue(
    'file-permissions',
    'warning',
    secrets[0],
    () => t('This file holds {0} plaintext secret(s) and its mode {1} lets {2} read them. docker login creates it with mode 0600 (owner only). Restrict it with "chmod 600", or move the secrets into a credential helper.', secrets.length, octal, who),
    { mode },
  );
}

// ---------------------------------------------------------------- duplicate-registry

function checkDuplicates(out: Collector, model: ConfigModel): void {
  const docker = out.profile.id === 'docker';
  // A JSON key written twice in one object: the decoder keeps the last one (objects are merged).
  const seen = (props: Prop[], mergesObjects: boolean) => {
    if (props.length < 2) return;
    const last = new Map<string, Prop>();
    for (const p of props) last.set(p.key, p);
    if (last.size === props.length) return;
    for (const p of props) {
      if (last.get(p.key) === p) continue;
      out.addKey(
        'duplicate-registry',
        'warning',
        p,
        !docker
          ? t('"{0}" is written twice in this object; Go\'s JSON decoder merges two objects and otherwise keeps the last value.', p.key)
          : mergesObjects && p.value.type === 'object'
            ? t('"{0}" is written twice in this object; docker merges the two.', p.key)
            : t('"{0}" is written twice in this object; docker uses the last one and ignores this one.', p.key),
      );
    }
  };
  seen(model.topProps, true);
  const authsObjects = model.topProps.filter((p) => canonicalTopLevel(p.key) === 'auths').length;
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field === 'credHelpers' || (field === 'auths' && (authsObjects > 1 || model.auths.size !== model.authEntries.length))) seen(propsOf(prop.value), false);
  }
  for (const entry of model.auths.values()) seen(propsOf(entry.prop.value), false);
  if (out.profile.id === 'kubelet') return; // kubelet tries every key that matches the image, one after the other

  // Different keys docker's plaintext lookup treats as one registry (same host[:port]).
  // Distinct keys share a host only when one of them has a scheme or path (host !== key).
  // containers/image reads a key without a scheme as a namespace, so only URL-form keys share a host.
  const byHost = new Map<string, AuthEntry[]>();
  for (const entry of model.auths.values()) {
    if (entry.host === entry.key || (!docker && !entry.key.includes('://'))) continue;
    const list = byHost.get(entry.host);
    if (list) list.push(entry);
    else {
      const plain = model.auths.get(entry.host);
      byHost.set(entry.host, plain ? [plain, entry] : [entry]);
    }
  }
  for (const [host, entries] of byHost) {
    if (entries.length < 2) continue;
    const hubEntry = entries.find((e) => e.key === DOCKER_HUB_KEY);
    const isHub = entries.some((e) => isMisspelledDockerHubKey(e.key)) || !!hubEntry;
    if (isHub && !docker) continue; // containers/image accepts every Docker Hub spelling
    const exact = isHub ? hubEntry : entries.find((e) => e.key === host);
    for (const entry of entries) {
      if (entry === exact) continue;
      if (isHub && isMisspelledDockerHubKey(entry.key)) continue; // docker-hub-key says it already
      const others = entries.filter((e) => e !== entry).map((e) => `"${e.key}"`).join(', ');
      out.addKey(
        'duplicate-registry',
        'warning',
        entry.prop,
        !docker
          ? exact
            ? t('"{0}" and {1} are the same registry to podman, skopeo and buildah ({2}). They use the exact key "{3}" and ignore this one.', entry.key, others, host, exact.key)
            : t('"{0}" and {1} are the same registry to podman, skopeo and buildah ({2}). With no exact key "{2}", they pick one of them at random on each run. Keep one.', entry.key, others, host)
          : exact
            ? t('"{0}" and {1} are the same registry to docker ({2}). Docker uses the exact key "{3}" and ignores this one.', entry.key, others, host, exact.key)
            : t('"{0}" and {1} are the same registry to docker ({2}). With no exact key "{2}", docker picks one of them at random on each run. Keep one.', entry.key, others, host),
      );
    }
  }
}
