/** unknown-key: a key the client does not read where it stands (a typo, an old layout, a case variant). */
import { ClientId, clientOf } from '../clients';
import { REMOVED_TOP_LEVEL, canonicalField, canonicalTopLevel, suggestEntryField, suggestTopLevel } from '../docker/schema';
import { t } from '../l10n';
import { propAtKey, siblingKeys } from '../docker/model';
import { renameKey } from '../json/edits';
import { propsOf } from '../json/reader';
import { Fix, FixContext, defineRule, fixTo } from './types';

type Where = 'top' | 'entry';
type Unknown = { key: string; client: ClientId; where: Where };

export const unknownKey = defineRule({
  meta: {
    id: 'unknown-key',
    title: () => t('A key docker does not know'),
    severity: 'warning',
    tags: ['unnecessary'],
    messages: {
      caseVariant: {
        text: (d: { key: string; suggestion: string }) =>
          t('"{0}" differs from "{1}" only in case. Docker and podman accept it (Go matches JSON keys case-insensitively), but tools that match keys exactly, such as docker-py, ignore it.', d.key, d.suggestion),
      },
      caseVariantLegacy: {
        text: (d: { key: string; suggestion: string }) =>
          t('"{0}" differs from "{1}" only in case. Podman, skopeo and buildah accept it (Go matches JSON keys case-insensitively).', d.key, d.suggestion),
      },
      removed: { text: (d: { key: string }) => t('"{0}" is no longer read by docker; it drops the key the next time it rewrites the file (e.g. on docker login).', d.key) },
      oldLayout: {
        text: (d: { key: string; client: ClientId }) =>
          t('"{0}" looks like a registry, but registries belong under "auths" (this is the layout of the old ~/.dockercfg file). {1}', d.key, clientOf(d.client).says.ignoresKey('old-layout')),
      },
      configLayout: {
        text: (d: { key: string }) =>
          t('"{0}" is a field of ~/.docker/config.json, but ~/.dockercfg holds registries at its top level. Podman, skopeo and buildah read "{0}" here as a registry name and use nothing under it. Move the content to ~/.config/containers/auth.json (or ~/.docker/config.json), or put the registries at the top level.', d.key),
      },
      typo: { text: (d: Unknown & { suggestion: string }) => t('Unknown key "{0}": did you mean "{1}"? {2}', d.key, d.suggestion, clientOf(d.client).says.ignoresKey(d.where)) },
      unknown: { text: (d: Unknown) => t('Unknown key "{0}". {1}', d.key, clientOf(d.client).says.ignoresKey(d.where)) },
    },
  },
  check({ model, client, report }) {
    for (const prop of model.topProps) {
      const field = canonicalTopLevel(prop.key);
      if (field === prop.key) continue;
      const known = REMOVED_TOP_LEVEL.has(prop.key);
      if ((field && !Object.prototype.hasOwnProperty.call(client.topLevel, field)) || (known && client.removedKeys === 'not-reported')) continue;
      const at = { prop, at: 'key' } as const;
      if (field) report({ ...at, messageId: client.messages.caseVariant, data: { key: prop.key, suggestion: field } });
      else if (known) report({ ...at, messageId: 'removed', data: { key: prop.key } });
      else if (looksLikeRegistry(prop.key) && prop.value.type === 'object') report({ ...at, messageId: 'oldLayout', data: { key: prop.key, client: client.id } });
      else {
        const meant = suggestTopLevel(prop.key);
        const data = { key: prop.key, client: client.id, where: 'top' } as const;
        if (meant) report({ ...at, messageId: 'typo', data: { ...data, suggestion: meant } });
        else report({ ...at, messageId: 'unknown', data });
      }
    }
    for (const entry of model.authEntries) {
      for (const f of propsOf(entry.prop.value)) {
        const field = canonicalField(f.key, client.entryFields);
        if (field === f.key) continue;
        const at = { prop: f, at: 'key' } as const;
        if (field) {
          report({ ...at, messageId: client.messages.caseVariant, data: { key: f.key, suggestion: field } });
          continue;
        }
        const meant = suggestEntryField(f.key);
        const data = { key: f.key, client: client.id, where: 'entry' } as const;
        if (meant) report({ ...at, messageId: 'typo', data: { ...data, suggestion: meant } });
        else report({ ...at, messageId: 'unknown', data });
      }
    }
  },
  fixes: renameToSuggestion,
});

/** Renames the key of a finding to the key meant (`data.suggestion`), unless its object has that key already. */
export function renameToSuggestion({ text, finding, model }: FixContext): Fix[] {
  const meant = finding.data.suggestion;
  const prop = propAtKey(model, finding.offset);
  if (typeof meant !== 'string' || !meant || !prop || siblingKeys(model, prop).includes(meant)) return [];
  return fixTo('rename-key', t('Rename "{0}" to "{1}"', prop.key, meant), text, renameKey(text, prop, meant), true);
}

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
