/** Hover content for the config file, as Markdown. Only the hover shows decoded secrets, on purpose. */
import { Node, findNodeAtOffset } from 'jsonc-parser';
import { decodeAuth } from './auth';
import { t } from './l10n';
import { ConfigModel, helperFor } from './model';
import { DOCKER_HUB_KEY, registryOfAuthsKey } from './registry';
import { resolveKey } from './resolve';
import { AUTH_ENTRY_FIELDS, canonicalField, canonicalTopLevel } from './schema';

export interface HoverOptions {
  /** Show the decoded password as bullets. */
  maskPasswords?: boolean;
}

export interface HoverInfo {
  offset: number;
  length: number;
  markdown: string;
}

/** Inline code that survives any backticks inside the value. */
export function code(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${fence}${pad}${value.replace(/[\r\n]/g, ' ')}${pad}${fence}`;
}

const WARNING = 'Anyone who can read this file can decode it the same way: base64 is an encoding, not encryption. Move the secret into a credential helper.';

interface Place {
  /** 'auths' | 'credHelpers' | other top-level key (canonical). */
  section: string;
  sectionKey: string;
  entryKey?: string;
  field?: string;
  isKey: boolean;
}

function placeOf(node: Node): Place | undefined {
  const path: Array<{ key: string; isKey: boolean }> = [];
  let isKey = false;
  let cur: Node | undefined = node;
  if (cur.parent?.type === 'property' && cur.parent.children?.[0] === cur) isKey = true;
  while (cur && cur.parent) {
    if (cur.parent.type === 'property') {
      path.unshift({ key: String(cur.parent.children![0].value), isKey: false });
      cur = cur.parent.parent;
    } else {
      return undefined; // inside an array
    }
  }
  if (path.length === 0) return undefined;
  const section = canonicalTopLevel(path[0].key) ?? path[0].key;
  return {
    section,
    sectionKey: path[0].key,
    entryKey: path[1]?.key,
    field: path[2] ? canonicalField(path[2].key, AUTH_ENTRY_FIELDS) ?? path[2].key : undefined,
    isKey: isKey && path.length === (path[2] ? 3 : path[1] ? 2 : 1),
  };
}

export function hoverAt(model: ConfigModel, offset: number, options: HoverOptions = {}): HoverInfo | undefined {
  if (!model.root) return undefined;
  const node = findNodeAtOffset(model.root, offset, false);
  if (!node || node.type !== 'string') return undefined;
  const place = placeOf(node);
  if (!place) return undefined;
  const range = { offset: node.offset, length: node.length };
  if (place.section === 'auths' && place.entryKey !== undefined) {
    if (place.field === undefined && place.isKey) return { ...range, markdown: registryHover(model, place.entryKey, 'auths') };
    if (place.field && !place.isKey) {
      const md = fieldHover(place.field, node.value as string, options);
      return md ? { ...range, markdown: md } : undefined;
    }
  }
  if (place.section === 'credHelpers' && place.entryKey !== undefined && place.isKey) {
    return { ...range, markdown: registryHover(model, place.entryKey, 'credHelpers') };
  }
  return undefined;
}

function fieldHover(field: string, value: string, options: HoverOptions): string | undefined {
  if (value === '') return undefined;
  if (field === 'auth') {
    const d = decodeAuth(value);
    if (!d.ok) return `**${t('This "auth" value cannot be decoded')}**\n\n${d.detail}`;
    const password = options.maskPasswords ? '•'.repeat(Math.min(12, Math.max(6, d.password.length))) : d.password;
    return [
      `**${t('Decoded "auth" (base64 of username:password)')}**`,
      '',
      `- ${t('Username')}: ${code(d.username)}`,
      `- ${t('Password')}: ${code(password)}${options.maskPasswords ? ` _(${t('masked')})_` : ''}`,
      '',
      `⚠️ ${t(WARNING)}`,
    ].join('\n');
  }
  if (field === 'password' || field === 'identitytoken' || field === 'registrytoken') {
    return `⚠️ ${t('This "{0}" is stored in plain text. Anyone who can read this file can use it. Move the secret into a credential helper.', field)}`;
  }
  return undefined;
}

function registryHover(model: ConfigModel, writtenKey: string, section: 'auths' | 'credHelpers'): string {
  const key = section === 'auths' ? registryOfAuthsKey(writtenKey) : writtenKey;
  const isHub = key === DOCKER_HUB_KEY;
  const registry = isHub ? 'docker.io' : key;
  const lines = [`**${t('Registry {0}', code(registry))}**`, ''];
  lines.push(isHub ? t('Docker Hub: images such as {0} or {1}.', code('alpine'), code('docker.io/library/alpine')) : t('Images such as {0}.', code(`${registry}/team/app:tag`)));
  lines.push('');
  const r = resolveKey(model, registry, key);
  const choice = helperFor(model, key);
  if (r.source === 'credHelpers' || r.source === 'credsStore') {
    lines.push(t('Docker takes credentials from {0}: it runs {1}.', r.source === 'credHelpers' ? t('the helper "{0}" (credHelpers)', r.helper!) : t('the credsStore helper "{0}"', r.helper!), code(`docker-credential-${r.helper} get`)));
  } else if (r.source === 'auths') {
    lines.push(r.entry === writtenKey && section === 'auths' ? t('Docker takes credentials from this entry (plain text in this file).') : t('Docker takes credentials from the auths entry {0} (plain text in this file).', code(r.entry!)));
  } else {
    lines.push(r.entry ? t('Docker finds the entry {0}, which holds no credentials: it sends none.', code(r.entry)) : t('Docker has no credentials for this registry: it pulls anonymously.'));
  }
  if (r.candidates && r.candidates.length > 1) {
    lines.push('', t('Several keys match and none exactly, so docker picks one at random: {0}.', r.candidates.map(code).join(', ')));
  }
  if (section === 'credHelpers' && !choice && model.credHelpers.get(writtenKey)?.value === '') {
    lines.push('', t('The empty value turns credsStore off for this registry.'));
  }
  if (section === 'auths' && writtenKey !== key && !isHub && model.auths.has(key) === false) {
    lines.push('', t('Docker matches this key by its host {0}.', code(key)));
  }
  return lines.join('\n');
}
