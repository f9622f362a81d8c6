/**
 * Kubernetes image pull secrets. pull-secret-uses-helper: a config that names credential helpers for a client
 * that runs none. invalid-pull-secret: a Secret the API server rejects or kubelet cannot read; found while the
 * YAML is read (k8s/analysis.ts), so this rule has no check of its own.
 */
import { canonicalTopLevel } from '../docker/schema';
import { t } from '../l10n';
import { propsOf } from '../json/reader';
import { defineRule } from './types';

type Key = { key: string };

export const pullSecretUsesHelper = defineRule({
  meta: {
    id: 'pull-secret-uses-helper',
    title: () => t('A pull secret that relies on a credential helper'),
    severity: 'error',
    messages: {
      store: {
        text: (d: { helper: string }) =>
          t('Kubelet ignores "credsStore" and never runs credential helpers: registries whose credentials are in the helper "{0}" get none from this pull secret, and pulls of private images fail with 401 / "no basic auth credentials". Put the credentials into "auths" (kubectl create secret docker-registry does).', d.helper),
      },
      helpers: {
        text: (d: { registries: string }) =>
          t('Kubelet ignores "credHelpers" and never runs credential helpers: the registries listed there ({0}) get no credentials from this pull secret, and pulls of private images fail with 401 / "no basic auth credentials". Put the credentials into "auths" (kubectl create secret docker-registry does).', d.registries),
      },
    },
  },
  check({ model, client, report }) {
    if (client.helpers !== 'none') return;
    for (const prop of model.topProps) {
      const field = canonicalTopLevel(prop.key);
      const value = prop.value;
      if (field === 'credsStore' && value.type === 'string' && value.value) {
        report({ prop, at: 'key', messageId: 'store', data: { helper: String(value.value) } });
      } else if (field === 'credHelpers' && propsOf(value).length > 0) {
        report({ prop, at: 'key', messageId: 'helpers', data: { registries: propsOf(value).map((p) => p.key).join(', ') } });
      }
    }
  },
});

/** Go's encoding/json refuses nesting deeper than this (scanner.go maxNestingDepth); go-yaml v2 stops at the same depth. */
export const GO_MAX_DEPTH = 10000;

export const invalidPullSecret = defineRule({
  meta: {
    id: 'invalid-pull-secret',
    title: () => t('A pull secret the API server rejects or kubelet cannot read'),
    severity: 'error',
    messages: {
      missingKey: { text: (d: Key & { type: string }) => t('A Secret of type "{0}" must hold "{1}" in data or stringData: the API server rejects it.', d.type, d.key) },
      notString: { text: (d: Key) => t('"{0}" must be a string: the API server rejects the Secret.', d.key) },
      badBase64: {
        text: (d: Key & { detail: string }) => t('"{0}" under data is not valid base64 ({1}): the API server rejects the Secret. Encode the config with base64 -w0, or put it under stringData.', d.key, d.detail),
      },
      dockercfgLayout: {
        text: () =>
          t('This .dockercfg holds the config.json layout ("auths" at the top): kubelet reads "auths" as a registry name and finds no credentials. Use type kubernetes.io/dockerconfigjson with the key .dockerconfigjson.'),
      },
      tooDeep: { text: (d: Key) => t('"{0}" nests deeper than {1} levels: Go\'s JSON decoder stops there, so the API server rejects the Secret and kubelet cannot read it.', d.key, GO_MAX_DEPTH) },
      notAnalysed: { severity: 'warning', text: (d: Key) => t('"{0}" could not be analysed (it may nest too deeply), so its credentials were not checked.', d.key) },
      yamlTooDeep: {
        severity: 'warning',
        text: () => t('This YAML document nests too deeply to be read here, so its pull secret was not checked. Kubernetes refuses YAML nested more than {0} levels deep.', GO_MAX_DEPTH),
      },
    },
  },
});
