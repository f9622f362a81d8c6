/** Registry keys the client never matches: wildcard-registry (no glob matching) and docker-hub-key (a Docker Hub spelling docker never looks up). */
import { AuthEntry, ConfigModel, entryAtKey, parseConfig, propAtKey, secretFields, uniquePath } from '../docker/model';
import { DOCKER_HUB_KEY, isMisspelledDockerHubKey } from '../docker/registry';
import { change, renameKey } from '../json/edits';
import { t } from '../l10n';
import { defineRule, fixTo } from './types';

type Key = { key: string };

export const wildcardRegistry = defineRule({
  meta: {
    id: 'wildcard-registry',
    title: () => t('A registry key with a wildcard'),
    severity: 'warning',
    messages: {
      docker: { text: (d: Key) => t('Docker has no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one key per registry (host[:port]).', d.key) },
      containers: {
        text: (d: Key) => t('Podman, skopeo and buildah have no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one key per registry (host[:port]).', d.key),
      },
      dockerEntry: { text: (d: Key) => t('Docker has no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one entry per registry (host[:port]).', d.key) },
      containersEntry: {
        text: (d: Key) => t('Podman, skopeo and buildah have no wildcard matching: "{0}" applies only to a registry literally named so, which never happens. Add one entry per registry (host[:port]).', d.key),
      },
    },
  },
  check({ model, client, report }) {
    if (client.helpers !== 'none') {
      for (const p of model.credHelperProps) if (p.key.includes('*')) report({ prop: p, at: 'key', messageId: client.messages.wildcardHelperKey, data: { key: p.key } });
    }
    if (client.wildcards) return;
    for (const entry of entriesRead(model)) if (entry.key.includes('*')) report({ prop: entry.prop, at: 'key', messageId: client.messages.wildcardEntry, data: { key: entry.key } });
  },
});

export const dockerHubKey = defineRule({
  meta: {
    id: 'docker-hub-key',
    title: () => t('A Docker Hub key the docker CLI never uses'),
    severity: 'warning',
    messages: {
      helperKey: {
        text: (d: Key) => t('The docker CLI looks up the helper for Docker Hub only under "{0}", never under "{1}" (podman and skopeo use "docker.io"). Add "{0}" with the same helper.', DOCKER_HUB_KEY, d.key),
      },
      entry: {
        text: (d: Key) => t('The docker CLI looks up Docker Hub credentials only under "{0}", so it never uses "{1}" (skopeo and podman accept this spelling). Rename the key to "{0}".', DOCKER_HUB_KEY, d.key),
      },
    },
  },
  check({ model, client, report }) {
    if (client.hubKeys !== 'exact') return;
    if (client.helpers !== 'none' && !model.credHelpers.has(DOCKER_HUB_KEY)) {
      for (const p of model.credHelperProps) {
        if (!p.key.includes('*') && isMisspelledDockerHubKey(p.key)) report({ prop: p, at: 'key', messageId: 'helperKey', data: { key: p.key } });
      }
    }
    for (const entry of entriesRead(model)) if (isMisspelledDockerHubKey(entry.key)) report({ prop: entry.prop, at: 'key', messageId: 'entry', data: { key: entry.key } });
  },
  fixes({ text, finding, model }) {
    const entry = entryAtKey(model, finding.offset);
    if (entry) return fixTo('docker-hub-key', t('Rename "{0}" to "{1}"', entry.key, DOCKER_HUB_KEY), text, hubRename(text, model, entry), true);
    const prop = propAtKey(model, finding.offset);
    if (!prop) return [];
    const after = change(text, [finding.path[0], DOCKER_HUB_KEY], prop.value.value);
    return fixTo('add-hub-helper', t('Add "{0}" with the same helper (keep "{1}" for podman and skopeo)', DOCKER_HUB_KEY, prop.key), text, after, true);
  },
});

/**
 * Renames a Docker Hub key to https://index.docker.io/v1/. When that key exists too: an empty one
 * gives way to this entry's credentials; when this entry is empty it goes; when both hold
 * credentials nothing is changed (the user must choose).
 */
function hubRename(text: string, model: ConfigModel, entry: AuthEntry): string | undefined {
  const target = model.auths.get(DOCKER_HUB_KEY);
  if (!target) return renameKey(text, entry.prop, DOCKER_HUB_KEY);
  const targetHas = secretFields(target).length > 0;
  const sourceHas = secretFields(entry).length > 0;
  const sourcePath = uniquePath(model, entry);
  const targetPath = uniquePath(model, target);
  if (!sourcePath || !targetPath) return undefined;
  if (!sourceHas) return change(text, sourcePath, undefined);
  if (targetHas) return undefined;
  const withoutTarget = change(text, targetPath, undefined);
  const again = parseConfig(withoutTarget).model.auths.get(entry.key);
  return again ? renameKey(withoutTarget, again.prop, DOCKER_HUB_KEY) : undefined;
}

/** The auths entries the client reads, in document order: of a key written twice, only the last (Go keeps the last one). */
export function entriesRead(model: ConfigModel): readonly AuthEntry[] {
  return model.auths.size === model.authEntries.length ? model.authEntries : model.authEntries.filter((e) => model.auths.get(e.key) === e);
}
