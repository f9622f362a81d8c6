/**
 * context-not-found: `currentContext` names a context docker cannot find (docker/cli#1955). Docker looks for
 * `contexts/meta/<sha256 of the name>/meta.json` next to config.json; `default` (and an empty value) is the
 * built-in context. The contexts on disk come from the adapter (CheckOptions.contexts, docker/contexts.ts).
 */
import { contextDirName, findContext } from '../docker/contexts';
import { ConfigModel } from '../docker/model';
import { canonicalTopLevel } from '../docker/schema';
import { Prop } from '../json/reader';
import { t } from '../l10n';
import { Fix, FixContext, defineRule, fixTo } from './types';

/** The `currentContext` docker reads: the last key that matches case-insensitively (Go's encoding/json). */
export function currentContextProp(model: ConfigModel): Prop | undefined {
  let found: Prop | undefined;
  for (const p of model.topProps) if (canonicalTopLevel(p.key) === 'currentContext') found = p;
  return found;
}

/** docker/cli's context name rule (store.ValidateContextName): only such names are offered as fixes. */
function isContextName(name: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name) && name !== 'default';
}

export function isDefaultContext(name: string): boolean {
  return name === '' || name === 'default';
}

export const contextNotFound = defineRule({
  meta: {
    id: 'context-not-found',
    title: () => t('currentContext names a context that does not exist'),
    severity: 'error',
    messages: {
      missing: {
        text: (d: { name: string; dir: string; available: string }) =>
          t('Docker has no context "{0}" (no contexts/meta/{1}/meta.json next to this file): every docker command fails with "Failed to initialize: unable to resolve docker endpoint: context \\"{0}\\": context not found", unless DOCKER_HOST or DOCKER_CONTEXT is set. Set it to "default" or to a context that exists (docker context ls).', d.name, d.dir),
      },
    },
  },
  check({ model, client, options, report }) {
    const store = options.contexts;
    if (!store || !Object.prototype.hasOwnProperty.call(client.topLevel, 'currentContext')) return;
    const prop = currentContextProp(model);
    if (!prop || prop.value.type !== 'string') return;
    const name = prop.value.value as string;
    if (isDefaultContext(name) || findContext(store, name)) return;
    report({ prop, at: 'value', messageId: 'missing', data: { name, dir: contextDirName(name), available: store.contexts.map((c) => c.name).filter(isContextName).join('\n') } });
  },
  fixes: setContext,
});

/** Quick fixes: set currentContext to "default" (preferred) or to each context that exists. */
function setContext({ text, finding, model }: FixContext): Fix[] {
  const prop = currentContextProp(model);
  if (!prop || prop.value.offset !== finding.offset) return [];
  const available = finding.data.available;
  const names = ['default', ...(typeof available === 'string' && available !== '' ? available.split('\n') : [])];
  const fixes: Fix[] = [];
  for (const name of names) {
    const after = text.slice(0, prop.value.offset) + JSON.stringify(name) + text.slice(prop.value.offset + prop.value.length);
    fixes.push(...fixTo('set-context', t('Set currentContext to "{0}"', name), text, after, name === 'default'));
  }
  return fixes;
}
