/**
 * Kubernetes image pull secrets: YAML manifests with `kind: Secret` and type
 * `kubernetes.io/dockerconfigjson` (key `.dockerconfigjson`) or the legacy `kubernetes.io/dockercfg`
 * (key `.dockercfg`: registries at the top level, no `auths`). The embedded config is decoded and
 * analysed with the kubelet profile; findings are placed on the YAML value (inside a `stringData`
 * literal block or one-line value, on the exact text; otherwise on the whole value).
 * Helm-style templates (`{{ ... }}`) are blanked before parsing and templated values skipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as YamlLib from 'yaml';
import type { Document, Scalar, YAMLMap } from 'yaml';
import { Analysis, analyze } from './analyze';
import { decodeAuth, decodeBase64 } from './auth';
import { Finding, JSONPath } from './findings';
import { code, credentialItems, hoverAt, HoverInfo, HoverOptions, warning } from './hover';
import { t } from './l10n';
import { PROFILES } from './profiles';
import { SECRET_FIELDS } from './schema';

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
const isMap = (n: unknown): n is YAMLMap => yaml().isMap(n);
const isSeq = (n: unknown): n is YamlLib.YAMLSeq => yaml().isSeq(n);
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

/** Positions of a value's lines in the manifest: `text` line i starts at manifest offset `starts[i]`. */
export class TextMap {
  private readonly lineStarts: number[] = [];
  constructor(
    private readonly lines: string[],
    private readonly starts: number[],
  ) {
    let at = 0;
    for (const line of lines) {
      this.lineStarts.push(at);
      at += line.length + 1;
    }
  }
  toManifest(offset: number): number {
    let i = this.lineStarts.length - 1;
    while (i > 0 && this.lineStarts[i] > offset) i--;
    return this.starts[i] + Math.min(offset - this.lineStarts[i], this.lines[i].length);
  }
  fromManifest(offset: number): number | undefined {
    for (let i = 0; i < this.starts.length; i++) {
      if (offset >= this.starts[i] && offset <= this.starts[i] + this.lines[i].length) return this.lineStarts[i] + offset - this.starts[i];
    }
    return undefined;
  }
}

/** Same-length text with `{{ ... }}` blanked: spaces where a template stands alone on its lines, else `_`. */
export function blankTemplates(text: string): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = [];
  const re = /\{\{[\s\S]*?\}\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return { text, spans };
  const spaced = text.replace(re, (m) => m.replace(/[^\r\n]/g, ' '));
  let out = '';
  let last = 0;
  for (const [start, end] of spans) {
    const lineStart = spaced.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = spaced.indexOf('\n', end) < 0 ? spaced.length : spaced.indexOf('\n', end);
    const alone = spaced.slice(lineStart, lineEnd).trim() === '';
    out += text.slice(last, start) + spaced.slice(start, end).replace(/ /g, alone ? ' ' : '_');
    last = end;
  }
  return { text: out + text.slice(last), spans };
}

export function analyzeManifest(source: string): ManifestAnalysis {
  const result: ManifestAnalysis = { secrets: [], findings: [] };
  if (!mayHoldPullSecret(source)) return result;
  const { text, spans } = blankTemplates(source);
  const templated = (start: number, end: number) => spans.some(([s, e]) => s < end && e > start);
  for (const doc of yaml().parseAllDocuments(text) as Document.Parsed[]) {
    if (doc.errors.length > 0) continue; // not ours to report: a YAML or template problem
    for (const map of secretMaps(doc.contents)) readSecret(map, text, templated, result);
  }
  result.findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  return result;
}

/** The mappings of a document that are Secrets of our types (also the items of a `kind: List`). */
function* secretMaps(node: unknown): Generator<YAMLMap> {
  if (!isMap(node)) return;
  const kind = node.get('kind');
  const type = node.get('type');
  if (kind === 'Secret' && typeof type === 'string' && type in TYPES) yield node;
  const items = node.get('items', true);
  if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) for (const item of items.items) yield* secretMaps(item);
}

function range(node: { range?: [number, number, number] | null }): { offset: number; length: number } {
  const [start, end] = node.range ?? [0, 0, 0];
  return { offset: start, length: end - start };
}

function finding(rule: 'invalid-pull-secret', at: { offset: number; length: number }, path: JSONPath, message: string): Finding {
  return { rule, severity: 'error', message, ...at, path };
}

function readSecret(map: YAMLMap, text: string, templated: (s: number, e: number) => boolean, out: ManifestAnalysis): void {
  const type = map.get('type') as SecretType;
  const key = TYPES[type];
  const metadata = map.get('metadata');
  const name = isMap(metadata) && typeof metadata.get('name') === 'string' ? (metadata.get('name') as string) : undefined;
  // stringData is merged over data by the API server: its value wins.
  const field = (['stringData', 'data'] as const).find((f) => isMap(map.get(f, true)) && (map.get(f, true) as unknown as YAMLMap).has(key));
  if (!field) {
    out.findings.push(finding('invalid-pull-secret', range(map.get('type', true) as Scalar), ['type'], t('A Secret of type "{0}" must hold "{1}" in data or stringData: the API server rejects it.', type, key)));
    return;
  }
  const node = (map.get(field, true) as unknown as YAMLMap).get(key, true) as unknown as Scalar | YAMLMap | null;
  const at = range(node ?? {});
  const contentEnd = at.offset + text.slice(at.offset, at.offset + at.length).trimEnd().length; // blanked template lines may follow
  if (templated(at.offset, contentEnd)) return; // a Helm value: nothing to read before rendering
  const path: JSONPath = [field, key];
  if (!isScalar(node) || typeof node.value !== 'string') {
    out.findings.push(finding('invalid-pull-secret', at, path, t('"{0}" must be a string: the API server rejects the Secret.', key)));
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
  const wrap = type === 'kubernetes.io/dockercfg' ? '{"auths":' : '';
  const analysis = analyze(wrap ? `${wrap}${config}}` : config, { profile: 'kubelet' });
  secret.analysis = analysis;
  for (const f of analysis.findings) {
    const start = Math.max(0, Math.min(config.length, f.offset - wrap.length));
    const end = Math.max(start, Math.min(config.length, f.offset + f.length - wrap.length));
    const place = secret.map ? { offset: secret.map.toManifest(start), length: secret.map.toManifest(end) - secret.map.toManifest(start) } : at;
    const jsonPath = wrap && f.path[0] === 'auths' ? f.path.slice(1) : f.path;
    out.findings.push({ rule: f.rule, severity: f.severity, message: f.message, ...place, path: jsonPath, ...(f.data ? { data: f.data } : {}) });
  }
}

/** Maps a stringData value onto the manifest: one-line plain or quoted text without escapes, or a literal block. */
function textMap(text: string, node: Scalar, value: string): TextMap | undefined {
  const [start, end] = node.range!;
  if (node.type === 'BLOCK_LITERAL') {
    const lines = value.split('\n');
    const starts: number[] = [];
    let pos = text.indexOf('\n', start) + 1; // the line after the `|` header
    for (let i = 0; i < lines.length; i++) {
      if (i === lines.length - 1 && lines[i] === '') {
        starts.push(Math.min(pos, end));
        break;
      }
      if (pos <= 0 || pos > end) return undefined;
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 ? text.length : nl;
      const row = text.slice(pos, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
      const col = row.length - lines[i].length;
      if (col < 0 || row.slice(col) !== lines[i]) return undefined;
      starts.push(pos + col);
      pos = lineEnd + 1;
    }
    return new TextMap(lines, starts);
  }
  if (value.includes('\n')) return undefined;
  const q = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  return text.slice(start + q, start + q + value.length) === value ? new TextMap([value], [start + q]) : undefined;
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
    lines.push('', `**${t('Registry {0}', code(entry.key))}**`, ...(d.ok ? credentialItems(d.username, d.password, options) : [`- ${t('This "auth" value cannot be decoded')}: ${d.detail}`]));
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
  const fence = '`'.repeat(Math.max(3, ...(shown.match(/`+/g) ?? []).map((s) => s.length + 1)));
  return [`${fence}json`, shown, fence];
}
