/** The rules. Text in, findings out; every message is true for docker CLI 28, podman/skopeo and kubelet. */
import { Node, ParseErrorCode, getNodePath } from 'jsonc-parser';
import { decodeAuth } from './auth';
import { Finding, FindingData, JSONPath, RuleId, Severity } from './findings';
import { t } from './l10n';
import {
  AuthEntry,
  ConfigModel,
  ParseOptions,
  Prop,
  SyntaxIssue,
  fieldValue,
  helperFor,
  parseConfig,
  propsOf,
  secretFields,
} from './model';
import { DOCKER_HUB_KEY, convertToHostname, isMisspelledDockerHubKey } from './registry';
import {
  AUTH_ENTRY_FIELDS,
  GoType,
  PROXY_FIELDS,
  REMOVED_TOP_LEVEL,
  TOP_LEVEL_FIELDS,
  canonicalField,
  canonicalTopLevel,
  suggestEntryField,
  suggestTopLevel,
} from './schema';

export interface AnalyzeOptions extends ParseOptions {}

export interface Analysis {
  model: ConfigModel;
  findings: Finding[];
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const { model, syntax } = parseConfig(text, options);
  const out = new Collector(model);
  if (syntax.length) syntaxFinding(out, model.text, syntax[0], model.root);
  checkTypes(out, model);
  checkKeys(out, model);
  checkHelpers(out, model);
  checkEntries(out, model);
  checkDuplicates(out, model);
  out.findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  return { model, findings: out.findings };
}

class Collector {
  readonly findings: Finding[] = [];
  constructor(private readonly model: ConfigModel) {}
  add(rule: RuleId, severity: Severity, node: Node, message: string, data?: FindingData): void {
    const path: JSONPath = this.model.root ? getNodePath(node.type === 'property' ? node.children![1] : node) : [];
    this.findings.push({ rule, severity, message, offset: node.offset, length: node.length, path, ...(data ? { data } : {}) });
  }
  /** A finding on a key: the range of the key, the path of its property. */
  addKey(rule: RuleId, severity: Severity, prop: Prop, message: string, data?: FindingData): void {
    const path = getNodePath(prop.valueNode);
    const { offset, length } = prop.keyNode;
    this.findings.push({ rule, severity, message, offset, length, path, ...(data ? { data } : {}) });
  }
}

// ---------------------------------------------------------------- json-syntax

const IGNORED = 'Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with no credentials.';

function syntaxFinding(out: Collector, text: string, issue: SyntaxIssue, root: Node | undefined): void {
  let message: string;
  let length = issue.length;
  if (issue.code === 'bom') {
    message = t('The file starts with a UTF-8 byte order mark (BOM), which docker\'s JSON decoder rejects. {0} Save the file as UTF-8 without BOM.', t(IGNORED));
  } else if (issue.code === ParseErrorCode.EndOfFileExpected || (root && issue.offset >= root.offset + root.length && issue.code !== ParseErrorCode.CloseBraceExpected)) {
    message = t('Text after the end of the top-level JSON value. Docker reads the first value and ignores the rest, but podman, skopeo and other strict readers reject the whole file.');
    length = Math.max(1, text.length - issue.offset);
  } else if (isTrailingComma(text, issue)) {
    const comma = text.lastIndexOf(',', issue.offset);
    message = t('Trailing comma: JSON allows no comma before "{0}". {1}', text[issue.offset], t(IGNORED));
    out.findings.push(syntax(message, comma, 1));
    return;
  } else {
    message = t('{0}. {1}', syntaxDetail(issue.code), t(IGNORED));
  }
  out.findings.push(syntax(message, Math.min(issue.offset, text.length), Math.max(0, Math.min(length, text.length - issue.offset))));
}

function syntax(message: string, offset: number, length: number): Finding {
  return { rule: 'json-syntax', severity: 'error', message, offset, length, path: [] };
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

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  'object-of-strings': 'an object of strings',
  'array-of-strings': 'an array of strings',
  'object-of-objects-of-strings': 'an object of objects of strings',
  auths: 'an object of registry entries',
  proxies: 'an object of proxy settings',
  object: 'an object',
};

function jsonTypeName(node: Node): string {
  return node.type === 'array' ? t('an array') : node.type === 'object' ? t('an object') : node.type === 'string' ? t('a string') : node.type === 'number' ? t('a number') : node.type === 'boolean' ? t('a boolean') : node.type;
}

function wrongType(out: Collector, node: Node, name: string, expected: string): void {
  out.add(
    'wrong-type',
    'error',
    node,
    t('"{0}" must be {1}, not {2}. Docker prints "WARNING: Error parsing config file (…): json: cannot unmarshal …" and loads the file only in part (it then decodes no "auth" value); podman and skopeo refuse the file.', name, t(TYPE_NAMES[expected] ?? expected), jsonTypeName(node)),
  );
}

/** Go decodes null into anything as "leave unset", so null is never a wrong type. */
function isType(node: Node, type: 'string' | 'object' | 'array'): boolean {
  return node.type === type || node.type === 'null';
}

function checkStringMap(out: Collector, value: Node, name: string): void {
  if (!isType(value, 'object')) return wrongType(out, value, name, 'object-of-strings');
  for (const p of propsOf(value)) if (!isType(p.valueNode, 'string')) wrongType(out, p.valueNode, `${name}.${p.key}`, 'string');
}

function checkGoType(out: Collector, value: Node, name: string, type: GoType): void {
  switch (type) {
    case 'string':
      if (!isType(value, 'string')) wrongType(out, value, name, type);
      return;
    case 'object-of-strings':
      return checkStringMap(out, value, name);
    case 'array-of-strings':
      if (!isType(value, 'array')) return wrongType(out, value, name, type);
      for (const item of value.children ?? []) if (!isType(item, 'string')) wrongType(out, item, `${name}[]`, 'string');
      return;
    case 'object-of-objects-of-strings':
      if (!isType(value, 'object')) return wrongType(out, value, name, type);
      for (const p of propsOf(value)) checkStringMap(out, p.valueNode, `${name}.${p.key}`);
      return;
    case 'proxies':
      if (!isType(value, 'object')) return wrongType(out, value, name, type);
      for (const p of propsOf(value)) {
        if (!isType(p.valueNode, 'object')) {
          wrongType(out, p.valueNode, `${name}.${p.key}`, 'object');
          continue;
        }
        for (const q of propsOf(p.valueNode)) {
          if (canonicalField(q.key, PROXY_FIELDS) && !isType(q.valueNode, 'string')) wrongType(out, q.valueNode, `${name}.${p.key}.${q.key}`, 'string');
        }
      }
      return;
    case 'auths':
      if (!isType(value, 'object')) return wrongType(out, value, name, type);
      for (const entry of propsOf(value)) {
        if (!isType(entry.valueNode, 'object')) {
          wrongType(out, entry.valueNode, `${name}.${entry.key}`, 'object');
          continue;
        }
        for (const f of propsOf(entry.valueNode)) {
          const field = canonicalField(f.key, AUTH_ENTRY_FIELDS);
          if (field && !isType(f.valueNode, 'string')) wrongType(out, f.valueNode, f.key, 'string');
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
      t('The file must hold a JSON object, not {0}. Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with no credentials.', jsonTypeName(root)),
    );
    return;
  }
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field) checkGoType(out, prop.valueNode, prop.key, TOP_LEVEL_FIELDS[field]);
  }
}

// ---------------------------------------------------------------- unknown-key

function looksLikeRegistry(key: string): boolean {
  return /^(https?:\/\/)?[^\s/]*[.:][^\s]*$/.test(key) || key === 'localhost';
}

function checkKeys(out: Collector, model: ConfigModel): void {
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field === prop.key) continue;
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
    } else if (looksLikeRegistry(prop.key) && prop.valueNode.type === 'object') {
      out.addKey('unknown-key', 'warning', prop, t('"{0}" looks like a registry, but registries belong under "auths" (this is the layout of the old ~/.dockercfg file). Docker ignores it here.', prop.key));
    } else {
      const meant = suggestTopLevel(prop.key);
      const tail = t('Docker ignores it and drops it the next time it rewrites the file (e.g. on docker login).');
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
    for (const f of propsOf(entry.prop.valueNode)) {
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
        const tail = t('Docker ignores it in a registry entry.');
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

function checkHelpers(out: Collector, model: ConfigModel): void {
  const settings = [...(model.credsStore ? [model.credsStore] : []), ...model.credHelpers.values()];
  for (const s of settings) {
    const problem = s.value ? helperNameProblem(s.value) : undefined;
    if (!problem) continue;
    const stripped = s.value.startsWith('docker-credential-') ? s.value.slice('docker-credential-'.length) : undefined;
    out.add('helper-name', 'error', s.prop.valueNode, problem, stripped ? { strippedHelper: stripped } : undefined);
  }
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

// ---------------------------------------------------------------- entries

function describeHelper(choice: { helper: string; via: string }): string {
  return choice.via === 'credHelpers' ? t('the helper "{0}" (credHelpers)', choice.helper) : t('the credsStore helper "{0}"', choice.helper);
}

function checkEntries(out: Collector, model: ConfigModel): void {
  for (const entry of model.authEntries) {
    if (model.auths.get(entry.key) !== entry) continue; // an earlier copy of a repeated key: docker reads the last
    if (entry.key.includes('*')) {
      out.addKey('wildcard-registry', 'warning', entry.prop, t('Docker has no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one entry per registry (host[:port]).', entry.key));
    }
    if (isMisspelledDockerHubKey(entry.key)) {
      out.addKey(
        'docker-hub-key',
        'warning',
        entry.prop,
        t('The docker CLI looks up Docker Hub credentials only under "{0}", so it never uses "{1}" (skopeo and podman accept this spelling). Rename the key to "{0}".', DOCKER_HUB_KEY, entry.key),
      );
    }
    if (!entry.isObject) continue;
    const choice = helperFor(model, entry.registry);
    const secrets = secretFields(entry);
    if (secrets.length === 0) {
      emptyEntry(out, entry, choice);
    } else {
      for (const s of secrets) secretFinding(out, entry, s, choice);
    }
    checkAuthValue(out, entry);
  }
}

function emptyEntry(out: Collector, entry: AuthEntry, choice: ReturnType<typeof helperFor>): void {
  if (!choice) {
    out.addKey(
      'empty-auth',
      'error',
      entry.prop,
      t('"{0}" holds no credentials and no credential helper handles this registry: docker sends no credentials and the registry answers "no basic auth credentials" (or unauthorized). Log in again, or remove the entry.', entry.key),
    );
  } else if (choice.via === 'credHelpers') {
    out.addKey(
      'empty-auth',
      'warning',
      entry.prop,
      t('"{0}" is an empty placeholder. Docker, podman and skopeo ask {1}, but Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', entry.key, describeHelper(choice)),
    );
  } else {
    out.addKey(
      'empty-auth',
      'warning',
      entry.prop,
      t('"{0}" is an empty placeholder left by docker login. Docker asks {1}, but podman, skopeo and buildah (which ignore credsStore), Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', entry.key, describeHelper(choice)),
    );
  }
}

function secretFinding(out: Collector, entry: AuthEntry, secret: Prop, choice: ReturnType<typeof helperFor>): void {
  const field = secret.key;
  const encoding = field.toLowerCase() === 'auth' ? t('The value is only base64 of "username:password": an encoding, not encryption. ') : '';
  if (!choice) {
    out.add(
      'plaintext-credential',
      'warning',
      secret.valueNode,
      t('Plaintext secret in "{0}" for {1}. {2}Anyone who can read this file can use it. Move it into a credential helper.', field, entry.registry, encoding),
    );
  } else if (choice.via === 'credHelpers') {
    out.add(
      'shadowed-credential',
      'warning',
      secret.valueNode,
      t('Docker and podman take credentials for {0} from {1} and use this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. The secret only leaks: remove it or move it into the helper.', entry.registry, describeHelper(choice), field),
    );
  } else {
    out.add(
      'shadowed-credential',
      'warning',
      secret.valueNode,
      t('Docker takes credentials for {0} from {1} and uses this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. Only podman, skopeo and Kubernetes pull secrets made from this file read it. {3}Move it into the helper.', entry.registry, describeHelper(choice), field, encoding),
    );
  }
}

function checkAuthValue(out: Collector, entry: AuthEntry): void {
  const authProp = entry.fields.get('auth');
  const auth = fieldValue(entry, 'auth');
  if (!authProp || auth === '') return;
  const decoded = decodeAuth(auth);
  if (!decoded.ok) {
    const message =
      decoded.reason === 'base64'
        ? t('This "auth" value is not standard padded base64 ({0}). Docker prints "WARNING: Error parsing config file (…): illegal base64 data …", loads the file only in part and may send this value undecoded.', decoded.detail)
        : t('This "auth" value does not decode to "username:password" ({0}). Docker prints "WARNING: Error parsing config file (…): Invalid auth configuration file" and loads the file only in part.', decoded.detail);
    out.add('invalid-auth', 'error', authProp.valueNode, message);
    return;
  }
  const user = entry.fields.get('username');
  const pass = entry.fields.get('password');
  const userDiffers = !!user && user.valueNode.value !== '' && user.valueNode.value !== decoded.username;
  const passDiffers = !!pass && pass.valueNode.value !== '' && pass.valueNode.value !== decoded.password;
  if (userDiffers || passDiffers) {
    const which = userDiffers && passDiffers ? t('username and password') : userDiffers ? t('username') : t('password');
    out.add(
      'auth-mismatch',
      'warning',
      authProp.valueNode,
      t('"auth" and the "{0}" field of this entry disagree. Docker uses "auth" and overwrites the fields; skopeo and podman ignore the fields.', which),
    );
  }
}

// ---------------------------------------------------------------- duplicate-registry

function checkDuplicates(out: Collector, model: ConfigModel): void {
  // A JSON key written twice in one object: the decoder keeps the last one (objects are merged).
  const seen = (props: Prop[], where: string) => {
    const last = new Map<string, Prop>();
    for (const p of props) last.set(p.key, p);
    for (const p of props) {
      if (last.get(p.key) === p) continue;
      const merged = p.valueNode.type === 'object' && where === '';
      out.addKey(
        'duplicate-registry',
        'warning',
        p,
        merged
          ? t('"{0}" is written twice in this object; docker merges the two.', p.key)
          : t('"{0}" is written twice in this object; docker uses the last one and ignores this one.', p.key),
      );
    }
  };
  seen(model.topProps, '');
  for (const prop of model.topProps) {
    const field = canonicalTopLevel(prop.key);
    if (field === 'auths' || field === 'credHelpers') seen(propsOf(prop.valueNode), field);
  }
  for (const entry of model.auths.values()) seen(propsOf(entry.prop.valueNode), 'entry');

  // Different keys docker's plaintext lookup treats as one registry (same host[:port]).
  const groups = new Map<string, AuthEntry[]>();
  for (const entry of model.auths.values()) {
    const host = convertToHostname(entry.key);
    const list = groups.get(host);
    if (list) list.push(entry);
    else groups.set(host, [entry]);
  }
  for (const [host, entries] of groups) {
    if (entries.length < 2) continue;
    const hubEntry = entries.find((e) => e.key === DOCKER_HUB_KEY);
    const isHub = entries.some((e) => isMisspelledDockerHubKey(e.key)) || !!hubEntry;
    const exact = isHub ? hubEntry : entries.find((e) => e.key === host);
    for (const entry of entries) {
      if (entry === exact) continue;
      if (isHub && isMisspelledDockerHubKey(entry.key)) continue; // docker-hub-key says it already
      const others = entries.filter((e) => e !== entry).map((e) => `"${e.key}"`).join(', ');
      out.addKey(
        'duplicate-registry',
        'warning',
        entry.prop,
        exact
          ? t('"{0}" and {1} are the same registry to docker ({2}). Docker uses the exact key "{3}" and ignores this one.', entry.key, others, host, exact.key)
          : t('"{0}" and {1} are the same registry to docker ({2}). With no exact key "{2}", docker picks one of them at random on each run. Keep one.', entry.key, others, host),
      );
    }
  }
}
