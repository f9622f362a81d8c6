/** Hover content for the config file, as Markdown. Only the hover shows decoded secrets, on purpose. */
import { ClientId, ClientReading, clientOf } from './clients';
import { decodeAuth } from './docker/auth';
import { describeHelper, helperExecutable } from './docker/helperNames';
import { ConfigModel, helperFor } from './docker/model';
import { DOCKER_HUB_KEY, registryOfAuthsKey } from './docker/registry';
import { AUTH_ENTRY_FIELDS, canonicalField, canonicalTopLevel } from './docker/schema';
import { markdownText, printable } from './display';
import { Prop } from './json/reader';
import { t } from './l10n';
import { resolveKey } from './resolve';
import { HoverFacts, contextHover, proxyHover, tokenLines } from './hoverFacts';
import { compareClients, imageForKey } from './clientCompare';
import { sideBySideMarkdown } from './clientCompareText';

export interface HoverOptions extends HoverFacts {
  /** Show the decoded password as bullets. */
  maskPasswords?: boolean;
  /** Whose reading of the file to explain (default docker): a Docker config, a containers auth file, a pull secret's config (kubelet). */
  profile?: ClientId;
}

export interface HoverInfo {
  offset: number;
  length: number;
  markdown: string;
}

/**
 * Text from a file as inline code: Markdown is not read inside a code span, so a crafted key cannot
 * make a link, an image or HTML; control codes, line breaks and bidi overrides are shown as escapes
 * (`printable`), and the fence is longer than any run of backticks inside. Linear in the value.
 */
export function code(value: string): string {
  const shown = printable(value);
  let longest = 0;
  for (let i = 0, run = 0; i < shown.length; i++) longest = Math.max(longest, (run = shown[i] === '`' ? run + 1 : 0));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || shown === '' ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A decoded username and password as Markdown list items; the password as bullets on request. */
export function credentialItems(username: string, password: string, options: HoverOptions): string[] {
  const shown = options.maskPasswords ? '•'.repeat(Math.min(12, Math.max(6, password.length))) : password;
  return [`- ${t('Username')}: ${code(username)}`, `- ${t('Password')}: ${code(shown)}${options.maskPasswords ? ` _(${t('masked')})_` : ''}`];
}

/** The chain of properties from the top level down to the key or value at `offset`. */
function locate(model: ConfigModel, offset: number): { chain: Prop[]; onKey: boolean } | undefined {
  const chain: Prop[] = [];
  let props = model.topProps;
  for (;;) {
    const p = props.find((q) => (q.keyOffset <= offset && offset < q.keyOffset + q.keyLength) || (q.value.offset <= offset && offset < q.value.offset + q.value.length));
    if (!p) return undefined;
    chain.push(p);
    if (p.keyOffset <= offset && offset < p.keyOffset + p.keyLength) return { chain, onKey: true };
    if (!p.value.props) return { chain, onKey: false };
    props = p.value.props;
  }
}

export function hoverAt(model: ConfigModel, offset: number, options: HoverOptions = {}): HoverInfo | undefined {
  const place = locate(model, offset);
  if (!place) return undefined;
  const [top, entry, field] = place.chain;
  const section = canonicalTopLevel(top.key);
  const last = place.chain[place.chain.length - 1];
  const range = place.onKey ? { offset: last.keyOffset, length: last.keyLength } : { offset: last.value.offset, length: last.value.length };
  const client = clientOf(options.profile);
  if (section === 'auths' && entry) {
    if (!field && place.onKey) return { ...range, markdown: registryHover(model, entry.key, 'auths', client) };
    if (field && !place.onKey && place.chain.length === 3 && field.value.type === 'string') {
      const name = canonicalField(field.key, AUTH_ENTRY_FIELDS);
      const md = name && fieldHover(name, field.value.value as string, client, options);
      return md ? { ...range, markdown: md } : undefined;
    }
  }
  if (section === 'currentContext' && !entry && Object.prototype.hasOwnProperty.call(client.topLevel, 'currentContext') && top.value.type === 'string') {
    return { ...range, markdown: contextHover(top.value.value as string, options, code) };
  }
  if (section === 'proxies' && field && !place.onKey && place.chain.length === 3 && field.value.type === 'string') {
    const md = proxyHover(field.value.value as string);
    return md ? { ...range, markdown: md } : undefined;
  }
  if (section === 'credHelpers' && entry && !field && place.onKey && client.helpers !== 'none') {
    return { ...range, markdown: registryHover(model, entry.key, 'credHelpers', client) };
  }
  return undefined;
}

function fieldHover(field: string, value: string, client: ClientReading, options: HoverOptions): string | undefined {
  if (value === '') return undefined;
  if (field === 'auth') {
    const d = decodeAuth(value, client.auth);
    if (!d.ok) return `**${t('This "auth" value cannot be decoded')}**\n\n${markdownText(d.detail)}`;
    return [`**${t('Decoded "auth" (base64 of username:password)')}**`, '', ...credentialItems(d.username, d.password, options), '', `⚠️ ${client.says.decodedSecret()}`, ...tokenLines(field, value, options, code)].join('\n');
  }
  if (field === 'password' || field === 'identitytoken' || field === 'registrytoken') return [`⚠️ ${client.says.plainSecret(field)}`, ...tokenLines(field, value, options, code)].join('\n');
  return undefined;
}

/** Each client reads the text again (about 0.1 s per MB): a hover compares them only up to 1 MB (real configs are a few KB). */
const MAX_SIDE_BY_SIDE = 1_000_000;

/** The registry key's hover: docker's lookup in words (a Docker config), then each client's answer side by side. */
function registryHover(model: ConfigModel, writtenKey: string, section: 'auths' | 'credHelpers', client: ClientReading): string {
  const image = imageForKey(writtenKey);
  const side =
    image === undefined
      ? []
      : model.text.length > MAX_SIDE_BY_SIDE
        ? ['', `_${t('This file is too large to compare the clients in a hover; run: docker-config-guard resolve IMAGE --client podman')}_`]
        : ['', ...sideBySideMarkdown(compareClients(image, model.text, client.id), code)];
  if (!client.explainsLookup) return [`**${t('Registry {0}', code(writtenKey))}**`, ...side].join('\n');
  return [dockerLookup(model, writtenKey, section), ...side].join('\n');
}

function dockerLookup(model: ConfigModel, writtenKey: string, section: 'auths' | 'credHelpers'): string {
  const key = section === 'auths' ? registryOfAuthsKey(writtenKey) : writtenKey;
  const isHub = key === DOCKER_HUB_KEY;
  const registry = isHub ? 'docker.io' : key;
  const lines = [`**${t('Registry {0}', code(registry))}**`, ''];
  lines.push(isHub ? t('Docker Hub: images such as {0} or {1}.', code('alpine'), code('docker.io/library/alpine')) : t('Images such as {0}.', code(`${registry}/team/app:tag`)));
  lines.push('');
  const r = resolveKey(model, registry, key);
  const choice = helperFor(model, key);
  if (r.source === 'credHelpers' || r.source === 'credsStore') {
    const helper = markdownText(r.helper!); // plain text inside the sentence: escaped, so it cannot become a link or HTML
    lines.push(t('Docker takes credentials from {0}: it runs {1}.', describeHelper({ helper, via: r.source }), code(`${helperExecutable(r.helper!)} get`)));
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
