/** file-permissions: plaintext secrets in a file its group or others may read. */
import { secretFields } from '../docker/model';
import { t } from '../l10n';
import { defineRule } from './types';

export const filePermissions = defineRule({
  meta: {
    id: 'file-permissions',
    title: () => t('Plaintext secrets in a file others can read'),
    severity: 'warning',
    messages: {
      readable: {
        text: (d: { count: number; mode: number }) =>
          t('This file holds {0} plaintext secret(s) and its mode {1} lets {2} read them. docker login creates it with mode 0600 (owner only). Restrict it with "chmod 600", or move the secrets into a credential helper.', d.count, octal(d.mode), who(d.mode)),
      },
      readableLegacy: {
        text: (d: { count: number; mode: number }) =>
          t('This file holds {0} plaintext secret(s) and its mode {1} lets {2} read them. Restrict it with "chmod 600" (podman login writes its auth.json with mode 0600), or remove the file once its registries are logged in elsewhere: docker no longer reads ~/.dockercfg, and podman, skopeo and buildah read it last.', d.count, octal(d.mode), who(d.mode)),
      },
    },
  },
  check({ model, client, options, report }) {
    const mode = options.fileMode;
    if (mode === undefined || (mode & 0o044) === 0) return;
    const secrets = model.authEntries.flatMap((e) => (e.isObject ? secretFields(e) : []));
    if (secrets.length === 0) return;
    report({ prop: secrets[0], at: 'value', messageId: client.messages.filePermissions, data: { count: secrets.length, mode } });
  },
});

const octal = (mode: number): string => '0' + (mode & 0o777).toString(8).padStart(3, '0');
const who = (mode: number): string => ((mode & 0o044) === 0o044 ? t('group and others') : mode & 0o040 ? t('its group') : t('others'));
