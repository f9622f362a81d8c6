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
import type { Document, Node, YAMLMap } from 'yaml';
import { decodeBase64 } from '../docker/auth';
import { JSONPath } from '../findings';
import { Analysis, Finding, analyze, messageOf } from '../rules';
import { GO_MAX_DEPTH, invalidPullSecret } from '../rules/pullSecret';
import { isScalar, yaml } from './loading';
import { blankTemplates, jsonDepth, overlaps, TextMap, textMap } from './text';
import { deepDocuments, YamlView } from './yamlView';

export const TYPES = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' } as const;
export type SecretType = keyof typeof TYPES;

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
  const tooDeep = (offset: number, length: number) => result.findings.push(invalidPullSecret.finding({ offset, length, path: [], messageId: 'yamlTooDeep', data: {} }));
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
    const key = `${f.rule}\0${f.offset}\0${f.length}\0${messageOf(f)}`;
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
    out.findings.push(invalidPullSecret.finding({ ...range(typeNode.written), path: ['type'], messageId: 'missingKey', data: { type, key } }));
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
    out.findings.push(invalidPullSecret.finding({ ...range(value.written ?? (value.pair.key as Node)), path, messageId: 'notString', data: { key } }));
    return;
  }
  const secret: PullSecret = { type, name, ...at, field };
  out.secrets.push(secret);
  let config = node.value;
  if (field === 'data') {
    const decoded = decodeBase64(node.value);
    if (!decoded.ok) {
      out.findings.push(invalidPullSecret.finding({ ...at, path, messageId: 'badBase64', data: { key, detail: decoded.detail } }));
      return;
    }
    config = decoded.bytes.toString('utf8');
  } else secret.map = textMap(text, node, config);
  secret.text = config;
  if (type === 'kubernetes.io/dockercfg' && /^\s*\{\s*"auths"\s*:/.test(config)) {
    out.findings.push(invalidPullSecret.finding({ ...at, path, messageId: 'dockercfgLayout', data: {} }));
    return;
  }
  if (jsonDepth(config) > GO_MAX_DEPTH) {
    out.findings.push(invalidPullSecret.finding({ ...at, path, messageId: 'tooDeep', data: { key } }));
    return;
  }
  const wrap = type === 'kubernetes.io/dockercfg' ? '{"auths":' : '';
  let analysis: Analysis;
  try {
    analysis = analyze(wrap ? `${wrap}${config}}` : config, { profile: 'kubelet' });
  } catch {
    // A last guard for the manifest path: whatever the config reader cannot take is reported, never thrown.
    out.findings.push(invalidPullSecret.finding({ ...at, path, messageId: 'notAnalysed', data: { key } }));
    return;
  }
  secret.analysis = analysis;
  for (const f of analysis.findings) {
    const start = Math.max(0, Math.min(config.length, f.offset - wrap.length));
    const end = Math.max(start, Math.min(config.length, f.offset + f.length - wrap.length));
    const place = secret.map ? { offset: secret.map.toManifest(start), length: secret.map.toManifest(end) - secret.map.toManifest(start) } : at;
    const jsonPath = wrap && f.path[0] === 'auths' ? f.path.slice(1) : f.path;
    out.findings.push({ ...f, ...place, path: jsonPath });
  }
}
