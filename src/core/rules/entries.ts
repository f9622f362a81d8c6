/**
 * What the client makes of each auths entry: empty-auth (no credentials it can send), plaintext-credential
 * (a secret it uses, in plain text), shadowed-credential (a plaintext secret a helper overrides) and
 * ignored-field (a field, or credsStore, it does not read).
 */
import { ClientReading, entryRegistryOf } from '../clients';
import { describeHelper } from '../docker/helperNames';
import { AuthEntry, ConfigModel, HelperChoice, entryAtKey, fieldValue, helperFor, uniquePath } from '../docker/model';
import { FindingOf, JSONPath } from '../findings';
import { change } from '../json/edits';
import { Prop } from '../json/reader';
import { DOCKER_HUB_DOMAIN, DOCKER_HUB_KEY, isMisspelledDockerHubKey } from '../docker/registry';
import { proxyPassword, proxyValues } from '../docker/proxies';
import { SECRET_FIELDS } from '../docker/schema';
import { t } from '../l10n';
import { entriesRead } from './registryKeys';
import { defineRule, fixTo } from './types';

type Key = { key: string };
type Via = { helper: string; via: string };
type Secret = { field: string; registry: string; key: string };

export const emptyAuth = defineRule({
  meta: {
    id: 'empty-auth',
    title: () => t('An auths entry holds no credentials'),
    severity: 'error',
    messages: {
      noCredentials: {
        text: (d: Key) =>
          t('"{0}" holds no credentials and no credential helper handles this registry: docker sends no credentials and the registry answers "no basic auth credentials" (or unauthorized). Log in again, or remove the entry.', d.key),
      },
      noCredentialsPullSecret: {
        text: (d: Key) =>
          t('"{0}" holds no credentials kubelet can use (it reads only "auth", or "username" and "password", and runs no credential helper). Kubelet tries every entry that matches the image, most specific first (a namespace entry such as host/team, then the host entry), so another matching entry with credentials is still used; when none has any, pulls go without credentials and private images fail with 401 / "no basic auth credentials". Put real credentials here (kubectl create secret docker-registry), or remove the entry.', d.key),
      },
      noAuth: {
        text: (d: Key) =>
          t('"{0}" holds no "auth", the only credential podman, skopeo and buildah read here: they find no credentials in it and go on to the next auth file in their search order (e.g. ~/.docker/config.json); when no later file has credentials for this registry they send none and the registry answers unauthorized. Log in again (podman login), or remove the entry.', d.key),
      },
      noAuthLegacy: {
        text: (d: Key) =>
          t('"{0}" holds no "auth", the only credential podman, skopeo and buildah read in ~/.dockercfg. It is the last file they search, so they send no credentials for this registry and it answers unauthorized. (Docker has not read ~/.dockercfg since docker 23.0.) Log in again with podman login (it writes auth.json), or remove the entry.', d.key),
      },
      noAuthStoreIgnored: {
        text: (d: Key & { helper: string }) =>
          t('"{0}" holds no "auth". Podman, skopeo and buildah read only "auth" here and ignore "credsStore" (the helper "{1}"), so they find no credentials here and go on to the next auth file in their search order (e.g. ~/.docker/config.json); when none has credentials they send none and the registry answers unauthorized. Name the helper for it in "credHelpers", log in with podman login, or remove the entry.', d.key, d.helper),
      },
      placeholderHelper: {
        severity: 'warning',
        text: (d: Key & Via) =>
          t('"{0}" is an empty placeholder. Docker, podman and skopeo ask {1}, but Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', d.key, describeHelper(d)),
      },
      placeholderHubHelper: {
        severity: 'warning',
        text: (d: Key & Via) =>
          t('"{0}" is an empty placeholder. Docker asks {1}, but podman, skopeo and buildah look Docker Hub up as "docker.io" in "credHelpers", never ask this helper and read this entry instead: it holds no credentials, so they go on to the next auth file and, when none has any, pull without credentials. Kubernetes pull secrets made from this file read it too. Add "docker.io" to "credHelpers" for them, or remove the entry.', d.key, describeHelper(d)),
      },
      placeholderStore: {
        severity: 'warning',
        text: (d: Key & Via) =>
          t('"{0}" is an empty placeholder left by docker login. Docker asks {1}, but podman, skopeo and buildah (which ignore credsStore), Kubernetes pull secrets made from this file and older tools read this entry and send no credentials ("no basic auth credentials" / unauthorized). Remove it.', d.key, describeHelper(d)),
      },
      placeholderUnread: {
        severity: 'info',
        text: (d: Key & Via) => t('"{0}" is an empty placeholder: podman, skopeo and buildah ask {1} and never read it. It can go.', d.key, describeHelper(d)),
      },
    },
  },
  check({ model, client, report }) {
    for (const entry of entriesRead(model)) {
      if (!entry.isObject || sendsAny(entry, client)) continue;
      const prop = entry.prop;
      const choice = helperOf(model, entry, client);
      const store = model.credsStore?.value;
      if (choice) {
        const data = { key: entry.key, helper: choice.helper, via: choice.via };
        report({ prop, at: 'key', messageId: placeholderMessage(model, entry, client, choice), data });
      } else if (store && client.helpers !== 'all' && client.messages.emptyEntryStoreIgnored) {
        report({ prop, at: 'key', messageId: client.messages.emptyEntryStoreIgnored, data: { key: entry.key, helper: store } });
      } else report({ prop, at: 'key', messageId: client.messages.emptyEntry, data: { key: entry.key } });
    }
  },
  fixes({ text, finding, model, findings }) {
    const entry = entryAtKey(model, finding.offset);
    const path = entry && uniquePath(model, entry);
    const all = removeEmpty(text, model, findings);
    return [
      ...(path ? fixTo('remove-empty-entry', t('Remove the empty entry "{0}"', entry!.key), text, change(text, path, undefined), true) : []),
      ...(all.removed > 1 ? fixTo('remove-all-empty-entries', t('Remove all {0} empty entries', all.removed), text, all.text) : []),
    ];
  },
});

/**
 * The placeholder's message. containers/image looks Docker Hub up in credHelpers as "docker.io" (pkg/docker/config/config.go
 * findCredentialsInFile: `auths.CredHelpers[registry]` with the image's registry), never as docker's
 * https://index.docker.io/v1/: a Hub helper under docker's key is never asked by podman.
 */
function placeholderMessage(model: ConfigModel, entry: AuthEntry, client: ClientReading, choice: HelperChoice) {
  if (!client.readByOthers) return 'placeholderUnread' as const;
  if (choice.via === 'credsStore') return 'placeholderStore' as const;
  return entry.registry === DOCKER_HUB_KEY && !model.credHelpers.has(DOCKER_HUB_DOMAIN) ? ('placeholderHubHelper' as const) : ('placeholderHelper' as const);
}

/** Removes every empty auths entry the analysis found (empty-auth); returns the new text and how many went. */
export function removeEmpty(text: string, model: ConfigModel, findings: readonly FindingOf[]): { text: string; removed: number } {
  const paths: JSONPath[] = [];
  for (const f of findings) {
    if (f.rule !== emptyAuth.meta.id) continue;
    const entry = entryAtKey(model, f.offset);
    const path = entry && uniquePath(model, entry);
    if (path) paths.push(path);
  }
  let result = text;
  for (const path of paths) result = change(result, path, undefined);
  return { text: result, removed: paths.length };
}

const encodingNote = (field: string): string => (field.toLowerCase() === 'auth' ? t('The value is only base64 of "username:password": an encoding, not encryption. ') : '');

export const plaintextCredential = defineRule({
  meta: {
    id: 'plaintext-credential',
    title: () => t('A secret stored in plain text'),
    severity: 'warning',
    messages: {
      file: {
        text: (d: Secret) => t('Plaintext secret in "{0}" for {1}. {2}Anyone who can read this file can use it. Move it into a credential helper.', d.field, d.registry, encodingNote(d.field)),
      },
      manifest: {
        text: (d: Secret) =>
          t('Plaintext secret in "{0}" for {1}. {2}Anyone who can read this manifest can use it: do not commit it; create the Secret in the cluster (kubectl create secret docker-registry) or keep it encrypted (Sealed Secrets, SOPS, an external secret store).', d.field, d.key, encodingNote(d.field)),
      },
      proxy: {
        text: (d: { field: string; target: string }) =>
          t('The proxy URL in "{0}" (proxies "{1}") holds a password in plain text (the part between ":" and "@"). Anyone who can read this file can use it, and docker passes the URL as an environment variable to every container it creates and as a build argument to every build, where the processes inside can read it. Use a proxy that needs no password here, or pass the URL only where it is needed.', d.field, d.target),
      },
    },
  },
  check({ model, client, report }) {
    secretsRead(model, client, (entry, prop) => {
      if (helperOf(model, entry, client)) return; // shadowed-credential
      report({ prop, at: 'value', messageId: client.messages.plaintext, data: { field: prop.key, registry: entry.registry, key: entry.key } });
    });
    if (!Object.prototype.hasOwnProperty.call(client.topLevel, 'proxies')) return;
    for (const v of proxyValues(model)) {
      if (proxyPassword(v.prop.value.value as string)) report({ prop: v.prop, at: 'value', messageId: 'proxy', data: { field: v.prop.key, target: v.target } });
    }
  },
});

export const shadowedCredential = defineRule({
  meta: {
    id: 'shadowed-credential',
    title: () => t('A plaintext secret that a helper overrides'),
    severity: 'warning',
    messages: {
      byHelper: {
        text: (d: Secret & Via) =>
          t('Docker and podman take credentials for {0} from {1} and use this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. The secret only leaks: remove it or move it into the helper.', d.registry, describeHelper(d), d.field),
      },
      byStore: {
        text: (d: Secret & Via) =>
          t('Docker takes credentials for {0} from {1} and uses this "{2}" only if the helper fails; when the helper has no entry, docker sends empty credentials. Only podman, skopeo and Kubernetes pull secrets made from this file read it. {3}Move it into the helper.', d.registry, describeHelper(d), d.field, encodingNote(d.field)),
      },
      containers: {
        text: (d: Secret & Via) =>
          t('Podman, skopeo and buildah take credentials for {0} from {1} and never read this "{2}": the secret only leaks. Remove it, or move it into the helper.', d.registry, describeHelper(d), d.field),
      },
    },
  },
  check({ model, client, report }) {
    secretsRead(model, client, (entry, prop) => {
      const choice = helperOf(model, entry, client);
      if (!choice) return; // plaintext-credential
      const data = { field: prop.key, registry: entry.registry, key: entry.key, helper: choice.helper, via: choice.via };
      report({ prop, at: 'value', messageId: choice.via === 'credHelpers' ? client.messages.shadowedByHelper : client.messages.shadowedByStore, data });
    });
  },
});

export const ignoredField = defineRule({
  meta: {
    id: 'ignored-field',
    title: () => t('A field podman, skopeo or kubelet ignores'),
    severity: 'warning',
    messages: {
      storeIgnored: {
        text: (d: { helper: string }) =>
          t('Podman, skopeo and buildah ignore "credsStore" and never ask the helper "{0}": registries whose credentials are only in that store get none from this file. Name the helper per registry in "credHelpers" instead.', d.helper),
      },
      secretContainers: {
        text: (d: { field: string }) => t('Podman, skopeo and buildah ignore "{0}" and read only "auth" (base64 of username:password), yet the secret sits here in plain text. Remove it.', d.field),
      },
      secretKubelet: {
        text: (d: { field: string }) => t('Kubelet ignores "{0}" and sends only "auth", or "username" and "password", yet the secret sits here in plain text. Remove it.', d.field),
      },
      field: { severity: 'info', text: (d: { field: string }) => t('Podman, skopeo and buildah ignore "{0}" and read only "auth" (base64 of username:password).', d.field) },
    },
  },
  check({ model, client, report }) {
    const store = model.credsStore;
    if (client.helpers === 'credHelpers' && store?.value) report({ prop: store.prop, at: 'key', messageId: 'storeIgnored', data: { helper: store.value } });
    for (const entry of entriesRead(model)) {
      if (!entry.isObject) continue;
      for (const name of client.ignores) {
        const p = entry.fields[name];
        if (!p || p.value.value === '') continue;
        report({ prop: p, at: 'key', messageId: SECRET_FIELDS.has(name) ? client.messages.ignoredSecret : 'field', data: { field: p.key } });
      }
    }
  },
});

/** Calls `each` with the non-empty secret fields the client uses, of the entries it reads. */
function secretsRead(model: ConfigModel, client: ClientReading, each: (entry: AuthEntry, prop: Prop) => void): void {
  for (const entry of entriesRead(model)) {
    if (!entry.isObject) continue;
    for (const name of client.secrets) {
      const prop = entry.fields[name];
      if (prop && prop.value.value !== '') each(entry, prop);
    }
  }
}

/** Whether an entry holds a field that gives the client credentials on its own. */
function sendsAny(entry: AuthEntry, client: ClientReading): boolean {
  for (const name of client.sends) if (fieldValue(entry, name) !== '') return true;
  return false;
}

/** The helper the client asks for an entry's registry: docker's choice, by credHelpers only, or none. */
export function helperOf(model: ConfigModel, entry: AuthEntry, client: ClientReading): HelperChoice | undefined {
  if (client.helpers === 'all') return helperFor(model, entry.registry);
  if (client.helpers === 'none') return undefined;
  const hub = entry.key === DOCKER_HUB_KEY || (client.hubKeys === 'any-spelling' && isMisspelledDockerHubKey(entry.key));
  const registry = hub ? client.hubHelperKey : entryRegistryOf(client, entry.key);
  return model.credHelpers.has(registry) ? helperFor(model, registry) : undefined;
}
