/**
 * Kubelet reading the config inside an image pull secret (kubernetes pkg/credentialprovider config.go:
 * `DockerConfigJSON`, `DockerConfigEntry` with its own `UnmarshalJSON`): only `auths` (and `HttpHeaders`),
 * `auth` or `username`/`password`, no credential helper, keys matched as globs and namespaces, every key that
 * matches an image tried in turn. The Secret itself is validated by the API server first.
 */
import { AUTH_ENTRY_FIELDS, TOP_LEVEL_FIELDS } from '../docker/schema';
import { t } from '../l10n';
import { ClientReading, GO_UNMARSHAL } from './types';

export const KUBELET: ClientReading = {
  id: 'kubelet',
  topLevel: { auths: TOP_LEVEL_FIELDS.auths, HttpHeaders: TOP_LEVEL_FIELDS.HttpHeaders },
  entryFields: AUTH_ENTRY_FIELDS,
  // kubernetes pkg/credentialprovider config.go dockerConfigEntryWithAuth: Username, Password, Email, Auth
  typedEntryFields: ['username', 'password', 'email', 'auth'],
  ...GO_UNMARSHAL,
  sends: ['auth', 'password'],
  secrets: ['auth', 'password'],
  ignores: ['identitytoken', 'registrytoken'],
  auth: { unpadded: true, emptyUsername: true },
  helpers: 'none',
  checksHelperOnPath: false,
  readByOthers: false,
  keyHost: 'containers', // never used: kubelet matches keys as URLs (clientKeys.ts kubeletMatches)
  namespaces: true,
  wildcards: true,
  hubKeys: 'any-spelling',
  hubHelperKey: 'docker.io',
  matches: 'each',
  explainsLookup: false,
  messages: {
    wildcardHelperKey: 'containers', // never said: kubelet runs no helper
    wildcardEntry: 'containersEntry', // never said: kubelet matches globs
    helperKeyForm: 'containers', // never said: kubelet runs no helper
    emptyEntry: 'noCredentialsPullSecret',
    plaintext: 'manifest',
    shadowedByHelper: 'containers', // never said: kubelet runs no helper
    shadowedByStore: 'containers',
    ignoredSecret: 'secretKubelet',
    invalidBase64: 'kubelet',
    invalidFormat: 'kubelet',
    authMismatch: 'kubelet',
    duplicateKey: 'twiceGo',
    sameRegistry: 'containers', // never said: kubelet tries each matching key
    caseVariant: 'caseVariant',
    filePermissions: 'readable',
  },
  says: {
    unreadable: () => t('The API server rejects the Secret as invalid JSON ("Invalid value: "<secret contents redacted>""), so it is never created.'),
    typeRefusal: () => t('Kubelet cannot decode this pull secret ("json: cannot unmarshal …"): every image pull of a pod that uses it fails.'),
    ignoresKey: () => t('Kubelet ignores it.'),
    decodedSecret: () =>
      t('Anyone who can read this manifest can decode it the same way: base64 is an encoding, not encryption. Do not commit it; keep it encrypted or create the Secret in the cluster.'),
    plainSecret: (field) =>
      t('This "{0}" is stored in plain text. Anyone who can read this manifest can use it. Do not commit it; keep it encrypted or create the Secret in the cluster.', field),
  },
};
