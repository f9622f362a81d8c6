/** The `auth` value of an entry: invalid-auth (the client cannot decode it) and auth-mismatch (it disagrees with username/password). */
import { decodeAuth } from '../docker/auth';
import { fieldValue } from '../docker/model';
import { t } from '../l10n';
import { entriesRead } from './registryKeys';
import { defineRule } from './types';

type Detail = { detail: string };
type Which = { which: 'both' | 'username' | 'password' };

export const invalidAuth = defineRule({
  meta: {
    id: 'invalid-auth',
    title: () => t('An auth value docker cannot decode'),
    severity: 'error',
    messages: {
      docker: {
        text: (d: Detail) =>
          t('This "auth" value is not standard padded base64 ({0}). Docker prints "WARNING: Error parsing config file (…): illegal base64 data …" and stops decoding: this and, at random, other entries\' "auth" values are sent to the registry undecoded.', d.detail),
      },
      dockerFormat: {
        text: (d: Detail) =>
          t('This "auth" value does not decode to "username:password" ({0}). Docker prints "WARNING: Error parsing config file (…): Invalid auth configuration file" and stops decoding: this and, at random, other entries\' "auth" values are sent to the registry undecoded.', d.detail),
      },
      containers: {
        text: (d: Detail) => t('This "auth" value is not standard padded base64 ({0}). Podman, skopeo and buildah stop with an error ("illegal base64 data …") when they look up this registry.', d.detail),
      },
      containersFormat: {
        text: (d: Detail) => t('This "auth" value does not decode to "username:password" ({0}). Podman, skopeo and buildah skip the entry with a warning and go on to the next auth file in their search order (e.g. ~/.docker/config.json); when none has credentials for this registry they send none.', d.detail),
      },
      containersFormatLegacy: {
        text: (d: Detail) => t('This "auth" value does not decode to "username:password" ({0}). Podman, skopeo and buildah skip the entry with a warning; ~/.dockercfg is the last file they search, so they send no credentials for this registry.', d.detail),
      },
      kubelet: {
        text: (d: Detail) => t('This "auth" value does not decode to "username:password" ({0}). Kubelet cannot decode this pull secret: every image pull of a pod that uses it fails.', d.detail),
      },
    },
  },
  check({ model, client, report }) {
    for (const entry of entriesRead(model)) {
      const auth = entry.fields.auth;
      if (!entry.isObject || !auth || fieldValue(entry, 'auth') === '') continue;
      const decoded = decodeAuth(fieldValue(entry, 'auth'), client.auth);
      if (decoded.ok) continue;
      report({ prop: auth, at: 'value', messageId: decoded.reason === 'base64' ? client.messages.invalidBase64 : client.messages.invalidFormat, data: { detail: decoded.detail } });
    }
  },
});

export const authMismatch = defineRule({
  meta: {
    id: 'auth-mismatch',
    title: () => t('auth and username/password disagree'),
    severity: 'warning',
    messages: {
      docker: { text: (d: Which) => t('"auth" and the "{0}" field of this entry disagree. Docker uses "auth" and overwrites the fields; skopeo and podman ignore the fields.', which(d)) },
      kubelet: { text: (d: Which) => t('"auth" and the "{0}" field of this entry disagree. Kubelet uses "auth" and ignores the fields.', which(d)) },
    },
  },
  check({ model, client, report }) {
    if (client.ignores.includes('password')) return; // ignored-field says it
    for (const entry of entriesRead(model)) {
      const auth = entry.fields.auth;
      const user = fieldValue(entry, 'username');
      const pass = fieldValue(entry, 'password');
      if (!entry.isObject || !auth || fieldValue(entry, 'auth') === '' || (user === '' && pass === '')) continue;
      const decoded = decodeAuth(fieldValue(entry, 'auth'), client.auth);
      if (!decoded.ok) continue; // invalid-auth
      const userDiffers = user !== '' && user !== decoded.username;
      const passDiffers = pass !== '' && pass !== decoded.password;
      if (!userDiffers && !passDiffers) continue;
      report({ prop: auth, at: 'value', messageId: client.messages.authMismatch, data: { which: userDiffers && passDiffers ? 'both' : userDiffers ? 'username' : 'password' } });
    }
  },
});

function which(d: Which): string {
  return d.which === 'both' ? t('username and password') : d.which === 'username' ? t('username') : t('password');
}
