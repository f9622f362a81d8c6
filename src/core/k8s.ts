/**
 * Kubernetes image pull secrets: YAML manifests with `kind: Secret` and type
 * `kubernetes.io/dockerconfigjson` (key `.dockerconfigjson`) or the legacy `kubernetes.io/dockercfg`
 * (key `.dockercfg`: registries at the top level, no `auths`). The embedded config is decoded and
 * analysed with the kubelet profile; findings are placed on the YAML value (inside a `stringData`
 * literal block or one-line value, on the exact text; otherwise on the whole value).
 * Helm-style templates (`{{ ... }}`) are blanked before parsing and templated values skipped.
 * The YAML is read as Kubernetes reads it (go-yaml v2: aliases resolved, `<<` merge keys honoured; see
 * yamlView.ts), without expanding anything; documents nested too deeply to parse are reported, not parsed.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as YamlLib from 'yaml';
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import { Analysis, analyze } from './analyze';
import { decodeAuth, decodeBase64 } from './docker/auth';
import { markdownText, printable } from './display';
import { Finding, JSONPath } from './findings';
import { code, credentialItems, hoverAt, HoverInfo, HoverOptions, warning } from './hover';
import { t } from './l10n';
import { PROFILES } from './profiles';
import { SECRET_FIELDS } from './docker/schema';
import { blankTemplates, jsonDepth, overlaps, TextMap, textMap } from './k8sText';
import { deepDocuments, YamlView } from './yamlView';

export { blankTemplates, jsonDepth, TextMap } from './k8sText';

let yamlLib: typeof YamlLib | undefined;

/**
 * The yaml library, loaded on first use so that activation and plain JSON configs never pay for
 * it: dist/yaml.js next to the bundle (scripts/build.mjs), else the npm package (tests from out/).
 */
function yaml(): typeof YamlLib {
  if (!yamlLib) {
    const bundled = path.join(__dirname, 'yaml.js');
    const id = fs.existsSync(bundled) ? bundled : 'yaml';
    yamlLib = require(id) as typeof YamlLib;
  }
  return yamlLib;
}
const isScalar = (n: unknown): n is Scalar => yaml().isScalar(n);

const TYPES = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' } as const;
type SecretType = keyof typeof TYPES;

/** A cheap test before any parsing: the text names one of the two secret types. */
export function mayHoldPullSecret(text: string): boolean {
  return text.includes('kubernetes.io/dockerc');
}

export interface PullSecret {
  type: SecretType;
  /** metadata.name, when written as plain text. */
  name?: string;
  /** Where the config's value is written in the manifest (a base64 `data` value or a `stringData` value). */
  offset: number;
  length: number;
  field: 'data' | 'stringData';
  /** The decoded config; undefined when it could not be decoded. */
  text?: string;
  /** The kubelet reading of `text` (for .dockercfg, of `{"auths": text}`). */
  analysis?: Analysis;
  /** Where each character of `text` sits in the manifest, when it can be told. */
  map?: TextMap;
}

export interface ManifestAnalysis {
  secrets: PullSecret[];
  findings: Finding[];
}

/** Go's encoding/json refuses nesting deeper than this (scanner.go maxNestingDepth); go-yaml v2 stops at the same depth. */
const GO_MAX_DEPTH = 10000;
/**
 * The deepest YAML read here, as counted by `deepDocuments`: the yaml package recurses per level and runs
 * out of stack near a thousand levels (less in a busy host); real manifests nest a few dozen deep.
 */
const MAX_YAML_DEPTH = 400;

export function analyzeManifest(source: string): ManifestAnalysis {
  const result: ManifestAnalysis = { secrets: [], findings: [] };
  if (!mayHoldPullSecret(source)) return result;
  const blanked = blankTemplates(source);
  const templated = (start: number, end: number) => overlaps(blanked.spans, start, end);
  let text = blanked.text;
  const tooDeep = (at: number, length: number) =>
    result.findings.push({
      rule: 'invalid-pull-secret',
      severity: 'warning',
      message: t('This YAML document nests too deeply to be read here, so its pull secret was not checked. Kubernetes refuses YAML nested more than {0} levels deep.', GO_MAX_DEPTH),
      offset: at,
      length,
      path: [],
    });
  // Documents too deep for the parser are reported and left out (blanked), never parsed.
  const deep = deepDocuments(yaml(), text, MAX_YAML_DEPTH);
  if (deep.length > 0) {
    const parts: string[] = [];
    let last = 0;
    for (const d of deep) {
      if (mayHoldPullSecret(text.slice(d.start, d.end))) tooDeep(d.at, 1);
      parts.push(text.slice(last, d.start), text.slice(d.start, d.end).replace(/[^\r\n]/g, ' '));
      last = d.end;
    }
    parts.push(text.slice(last));
    text = parts.join('');
  }
  for (const doc of yaml().parseAllDocuments(text, { merge: true, uniqueKeys: false }) as Document.Parsed[]) {
    if (doc.errors.length > 0) {
      // Not ours to report (a YAML or template problem), unless the parser ran out of stack: then say so.
      const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
      const [start, , end] = doc.range;
      if (exhausted && mayHoldPullSecret(text.slice(start, end))) tooDeep(exhausted.pos[0], Math.max(0, exhausted.pos[1] - exhausted.pos[0]));
      continue;
    }
    const view = new YamlView(yaml(), doc.contents);
    if (view.broken) continue; // broken YAML as well: kubectl refuses the document
    for (const map of secretMaps(view, doc.contents)) readSecret(view, map, text, templated, result);
  }
  result.findings = unique(result.findings);
  result.findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  return result;
}

/** Findings once each: two secrets that alias one value report it once. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.offset}\0${f.length}\0${f.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** The mappings of a document that are Secrets of our types (also the items of a `kind: List`), each once. */
function secretMaps(view: YamlView, root: unknown): YAMLMap[] {
  const out: YAMLMap[] = [];
  const seen = new Set<YAMLMap>();
  const stack = [root];
  while (stack.length > 0) {
    const map = view.map(stack.pop());
    if (!map || seen.has(map)) continue; // aliases may name one List many times, or the List itself
    seen.add(map);
    const kind = view.string(map, 'kind');
    const type = view.string(map, 'type');
    if (kind === 'Secret' && type !== undefined && Object.prototype.hasOwnProperty.call(TYPES, type)) out.push(map);
    if (kind?.endsWith('List')) {
      const items = view.seq(view.get(map, 'items')?.node);
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]); // no spread: a List may hold 100,000 items
    }
  }
  return out;
}

function range(node: { range?: [number, number, number] | null } | null | undefined): { offset: number; length: number } {
  const [start, end] = node?.range ?? [0, 0, 0];
  return { offset: start, length: end - start };
}

function finding(rule: 'invalid-pull-secret', at: { offset: number; length: number }, path: JSONPath, message: string): Finding {
  return { rule, severity: 'error', message, ...at, path };
}

function readSecret(view: YamlView, map: YAMLMap, text: string, templated: (s: number, e: number) => boolean, out: ManifestAnalysis): void {
  const type = view.string(map, 'type') as SecretType;
  const key = TYPES[type];
  const metadata = view.map(view.get(map, 'metadata')?.node);
  const name = metadata && view.string(metadata, 'name');
  // stringData is merged over data by the API server: its value wins.
  const fields = (['stringData', 'data'] as const).map((f) => ({ field: f, map: view.map(view.get(map, f)?.node) }));
  const chosen = fields.find((f) => f.map && view.get(f.map, key));
  if (!chosen) {
    const typeNode = view.get(map, 'type')!;
    out.findings.push(finding('invalid-pull-secret', range(typeNode.written), ['type'], t('A Secret of type "{0}" must hold "{1}" in data or stringData: the API server rejects it.', type, key)));
    return;
  }
  const { field } = chosen;
  const value = view.get(chosen.map!, key)!;
  // The text lives in the anchored node when the value is an alias: findings and the hover go there.
  const node: Node | undefined = value.node ?? value.written;
  const at = range(node ?? (value.pair.key as Node));
  const contentEnd = at.offset + text.slice(at.offset, at.offset + at.length).trimEnd().length; // blanked template lines may follow
  if (templated(at.offset, contentEnd)) return; // a Helm value: nothing to read before rendering
  const path: JSONPath = [field, key];
  if (!isScalar(node) || typeof node.value !== 'string') {
    out.findings.push(finding('invalid-pull-secret', range(value.written ?? (value.pair.key as Node)), path, t('"{0}" must be a string: the API server rejects the Secret.', key)));
    return;
  }
  const secret: PullSecret = { type, name, ...at, field };
  out.secrets.push(secret);
  let config = node.value;
  if (field === 'data') {
    const decoded = decodeBase64(node.value);
    if (!decoded.ok) {
      out.findings.push(finding('invalid-pull-secret', at, path, t('"{0}" under data is not valid base64 ({1}): the API server rejects the Secret. Encode the config with base64 -w0, or put it under stringData.', key, decoded.detail)));
      return;
    }
    config = decoded.bytes.toString('utf8');
  } else secret.map = textMap(text, node, config);
  secret.text = config;
  if (type === 'kubernetes.io/dockercfg' && /^\s*\{\s*"auths"\s*:/.test(config)) {
    out.findings.push(finding('invalid-pull-secret', at, path, t('This .dockercfg holds the config.json layout ("auths" at the top): kubelet reads "auths" as a registry name and finds no credentials. Use type kubernetes.io/dockerconfigjson with the key .dockerconfigjson.')));
    return;
  }
  if (jsonDepth(config) > GO_MAX_DEPTH) {
    out.findings.push(finding('invalid-pull-secret', at, path, t('"{0}" nests deeper than {1} levels: Go\'s JSON decoder stops there, so the API server rejects the Secret and kubelet cannot read it.', key, GO_MAX_DEPTH)));
    return;
  }
  const wrap = type === 'kubernetes.io/dockercfg' ? '{"auths":' : '';
  let analysis: Analysis;
  try {
    analysis = analyze(wrap ? `${wrap}${config}}` : config, { profile: 'kubelet' });
  } catch {
    // A last guard for the manifest path: whatever the config reader cannot take is reported, never thrown.
    out.findings.push({ ...finding('invalid-pull-secret', at, path, t('"{0}" could not be analysed (it may nest too deeply), so its credentials were not checked.', key)), severity: 'warning' });
    return;
  }
  secret.analysis = analysis;
  for (const f of analysis.findings) {
    const start = Math.max(0, Math.min(config.length, f.offset - wrap.length));
    const end = Math.max(start, Math.min(config.length, f.offset + f.length - wrap.length));
    const place = secret.map ? { offset: secret.map.toManifest(start), length: secret.map.toManifest(end) - secret.map.toManifest(start) } : at;
    const jsonPath = wrap && f.path[0] === 'auths' ? f.path.slice(1) : f.path;
    out.findings.push({ rule: f.rule, severity: f.severity, message: f.message, ...place, path: jsonPath, ...(f.data ? { data: f.data } : {}) });
  }
}

/**
 * Hover on a pull secret's value: on a `stringData` text, the core hover of the config (decoded
 * `auth` values); on a base64 `data` value, the decoded config and its decoded `auth` values.
 */
export function manifestHoverAt(manifest: ManifestAnalysis, offset: number, options: HoverOptions = {}): HoverInfo | undefined {
  const secret = manifest.secrets.find((s) => s.offset <= offset && offset < s.offset + s.length);
  if (!secret || secret.text === undefined) return undefined;
  const kubelet: HoverOptions = { ...options, profile: 'kubelet' };
  if (secret.field === 'stringData') {
    const inner = secret.map?.fromManifest(offset);
    const wrap = secret.type === 'kubernetes.io/dockercfg' ? 9 : 0; // {"auths":
    const info = inner !== undefined && secret.analysis ? hoverAt(secret.analysis.model, inner + wrap, kubelet) : undefined;
    if (!info || !secret.map) return undefined;
    const start = secret.map.toManifest(info.offset - wrap);
    return { offset: start, length: secret.map.toManifest(info.offset - wrap + info.length) - start, markdown: info.markdown };
  }
  const lines = [`**${t('Decoded {0} (base64)', code(TYPES[secret.type]))}**`, '', ...shownConfig(secret.text, options)];
  for (const entry of secret.analysis?.model.authEntries ?? []) {
    const auth = entry.fields.auth?.value.value;
    if (typeof auth !== 'string' || auth === '') continue;
    const d = decodeAuth(auth, PROFILES.kubelet.auth);
    lines.push('', `**${t('Registry {0}', code(entry.key))}**`, ...(d.ok ? credentialItems(d.username, d.password, options) : [`- ${t('This "auth" value cannot be decoded')}: ${markdownText(d.detail)}`]));
  }
  lines.push('', `⚠️ ${warning('kubelet')}`);
  return { offset: secret.offset, length: secret.length, markdown: lines.join('\n') };
}

const MAX_SHOWN = 4000;

/** The decoded config as a JSON block; secret fields as bullets when passwords are masked. */
function shownConfig(config: string, options: HoverOptions): string[] {
  let shown: string;
  try {
    const mask = (k: string, v: unknown) => (options.maskPasswords && typeof v === 'string' && v !== '' && SECRET_FIELDS.has(k.toLowerCase()) ? '••••••' : v);
    shown = JSON.stringify(JSON.parse(config), mask, 2);
  } catch {
    if (options.maskPasswords) return [`_${t('(not valid JSON; not shown while passwords are masked)')}_`];
    shown = config;
  }
  if (shown.length > MAX_SHOWN) shown = shown.slice(0, MAX_SHOWN) + '\n…';
  shown = shown.split('\n').map(printable).join('\n'); // a code block shows Markdown as it is, but not control codes or bidi overrides
  const fence = '`'.repeat(Math.max(3, ...(shown.match(/`+/g) ?? []).map((s) => s.length + 1)));
  return [`${fence}json`, shown, fence];
}
