/** duplicate-registry: a key written twice in one object, or two keys the client reads as one registry. */
import { keyHostOf } from '../clients';
import { AuthEntry } from '../docker/model';
import { DOCKER_HUB_KEY, isMisspelledDockerHubKey } from '../docker/registry';
import { canonicalTopLevel } from '../docker/schema';
import { namedList, t } from '../l10n';
import { Prop, propsOf } from '../json/reader';
import { defineRule } from './types';

type Same = { key: string; others: string; host: string; exact: string };

export const duplicateRegistry = defineRule({
  meta: {
    id: 'duplicate-registry',
    title: () => t('Two keys for one registry'),
    severity: 'warning',
    messages: {
      twiceGo: { text: (d: { key: string }) => t('"{0}" is written twice in this object; Go\'s JSON decoder merges two objects and otherwise keeps the last value.', d.key) },
      twiceDocker: {
        text: (d: { key: string; merged: number }) =>
          d.merged ? t('"{0}" is written twice in this object; docker merges the two.', d.key) : t('"{0}" is written twice in this object; docker uses the last one and ignores this one.', d.key),
      },
      docker: {
        text: (d: Same) =>
          d.exact
            ? t('"{0}" and {1} are the same registry to docker ({2}). Docker uses the exact key "{3}" and ignores this one.', d.key, d.others, d.host, d.exact)
            : t('"{0}" and {1} are the same registry to docker ({2}). With no exact key "{2}", docker picks one of them at random on each run. Keep one.', d.key, d.others, d.host),
      },
      containers: {
        text: (d: Same) =>
          d.exact
            ? t('"{0}" and {1} are the same registry to podman, skopeo and buildah ({2}). They use the exact key "{3}" and ignore this one.', d.key, d.others, d.host, d.exact)
            : t('"{0}" and {1} are the same registry to podman, skopeo and buildah ({2}). With no exact key "{2}", they pick one of them at random on each run. Keep one.', d.key, d.others, d.host),
      },
    },
  },
  check({ model, client, report }) {
    // A JSON key written twice in one object: the decoder keeps the last one (objects are merged).
    const seen = (props: Prop[], mergesObjects: boolean) => {
      if (props.length < 2) return;
      const last = new Map<string, Prop>();
      for (const p of props) last.set(p.key, p);
      if (last.size === props.length) return;
      for (const p of props) {
        if (last.get(p.key) === p) continue;
        const at = { prop: p, at: 'key' } as const;
        if (client.messages.duplicateKey === 'twiceGo') report({ ...at, messageId: 'twiceGo', data: { key: p.key } });
        else report({ ...at, messageId: 'twiceDocker', data: { key: p.key, merged: mergesObjects && p.value.type === 'object' ? 1 : 0 } });
      }
    };
    seen(model.topProps, true);
    const authsObjects = model.topProps.filter((p) => canonicalTopLevel(p.key) === 'auths').length;
    for (const prop of model.topProps) {
      const field = canonicalTopLevel(prop.key);
      if (field === 'credHelpers' || (field === 'auths' && (authsObjects > 1 || model.auths.size !== model.authEntries.length))) seen(propsOf(prop.value), false);
    }
    for (const entry of model.auths.values()) seen(propsOf(entry.prop.value), false);
    if (client.matches === 'each') return; // each key that matches the image is tried in turn

    // Different keys the plaintext lookup treats as one registry (same host[:port]).
    // Distinct keys share a host only when one of them has a scheme or path (host !== key).
    // A client that reads a key without a scheme as a namespace only joins URL-form keys by host.
    const byHost = new Map<string, AuthEntry[]>();
    for (const entry of model.auths.values()) {
      const host = keyHostOf(client, entry.key);
      if (host === entry.key || (client.namespaces && !entry.key.includes('://'))) continue;
      const list = byHost.get(host);
      if (list) list.push(entry);
      else {
        const plain = model.auths.get(host);
        byHost.set(host, plain ? [plain, entry] : [entry]);
      }
    }
    for (const [host, entries] of byHost) {
      if (entries.length < 2) continue;
      const hubEntry = entries.find((e) => e.key === DOCKER_HUB_KEY);
      const isHub = entries.some((e) => isMisspelledDockerHubKey(e.key)) || !!hubEntry;
      if (isHub && client.hubKeys === 'any-spelling') continue; // every Docker Hub spelling names Docker Hub
      const exact = isHub ? hubEntry : entries.find((e) => e.key === host);
      for (const entry of entries) {
        if (entry === exact) continue;
        if (isHub && isMisspelledDockerHubKey(entry.key)) continue; // docker-hub-key says it already
        report({ prop: entry.prop, at: 'key', messageId: client.messages.sameRegistry, data: { key: entry.key, others: othersText(entries, entry), host, exact: exact?.key ?? '' } });
      }
    }
  },
});

/** How many of the other keys of a group a message names; the rest are counted ("and N more"). */
export const MAX_OTHERS_NAMED = 3;

/**
 * The other keys of `entry`'s group for its message: the first MAX_OTHERS_NAMED of them, then how many more.
 * Looks at no more than MAX_OTHERS_NAMED + 1 entries, so a group of n keys costs O(n) in all, not O(n²).
 */
function othersText(entries: readonly AuthEntry[], entry: AuthEntry): string {
  const named: string[] = [];
  for (let i = 0; i < entries.length && named.length < MAX_OTHERS_NAMED; i++) if (entries[i] !== entry) named.push(`"${entries[i].key}"`);
  return namedList(named, MAX_OTHERS_NAMED, entries.length - 1, (shown, count) => t('{0} and {1} more keys', shown, count));
}
