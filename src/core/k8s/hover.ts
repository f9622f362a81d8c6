/** Hovers on pull secrets: the decoded config and its decoded `auth` values. */
import { KUBELET } from '../clients/kubelet';
import { decodeAuth } from '../docker/auth';
import { SECRET_FIELDS } from '../docker/schema';
import { markdownText, printable } from '../display';
import { code, credentialItems, hoverAt, HoverInfo, HoverOptions } from '../hover';
import { t } from '../l10n';
import { ManifestAnalysis, TYPES } from './analysis';

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
    const d = decodeAuth(auth, KUBELET.auth);
    lines.push('', `**${t('Registry {0}', code(entry.key))}**`, ...(d.ok ? credentialItems(d.username, d.password, options) : [`- ${t('This "auth" value cannot be decoded')}: ${markdownText(d.detail)}`]));
  }
  lines.push('', `⚠️ ${KUBELET.says.decodedSecret()}`);
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
