/**
 * podman, skopeo and buildah (containers/image, pkg/docker/config/config.go) reading containers/auth.json or
 * $REGISTRY_AUTH_FILE: only `auths` and `credHelpers`, only `auth` in an entry, credHelpers looked up by the
 * image's registry (Docker Hub: docker.io) and keys that may name a namespace.
 */
import { AUTH_ENTRY_FIELDS, TOP_LEVEL_FIELDS } from '../docker/schema';
import { t } from '../l10n';
import { FILE_SECRET_WORDS } from './docker';
import { ClientReading, GO_UNMARSHAL } from './types';

export const CONTAINERS: ClientReading = {
  id: 'containers',
  topLevel: { auths: TOP_LEVEL_FIELDS.auths, credHelpers: TOP_LEVEL_FIELDS.credHelpers },
  entryFields: AUTH_ENTRY_FIELDS,
  // containers/image pkg/docker/config/config.go dockerAuthConfig: `Auth string json:"auth,omitempty"`, `IdentityToken string json:"identitytoken,omitempty"`
  typedEntryFields: ['auth', 'identitytoken'],
  ...GO_UNMARSHAL,
  sends: ['auth'],
  secrets: ['auth', 'identitytoken'],
  ignores: ['username', 'password', 'registrytoken'],
  auth: { emptyUsername: true },
  helpers: 'credHelpers',
  checksHelperOnPath: false,
  readByOthers: false,
  keyHost: 'containers', // containers/image pkg/docker/config/config.go normalizeAuthFileKey
  namespaces: true,
  wildcards: false,
  hubKeys: 'any-spelling',
  hubHelperKey: 'docker.io',
  matches: 'one',
  explainsLookup: false,
  messages: {
    wildcardHelperKey: 'containers',
    wildcardEntry: 'containersEntry',
    helperKeyForm: 'containers',
    emptyEntry: 'noAuth',
    emptyEntryStoreIgnored: 'noAuthStoreIgnored',
    plaintext: 'file',
    shadowedByHelper: 'containers',
    shadowedByStore: 'containers',
    ignoredSecret: 'secretContainers',
    invalidBase64: 'containers',
    invalidFormat: 'containersFormat',
    authMismatch: 'docker', // never said: containers ignore "password", so ignored-field tells it
    duplicateKey: 'twiceGo',
    sameRegistry: 'containers',
    caseVariant: 'caseVariant',
    filePermissions: 'readable',
  },
  says: {
    unreadable: () => t('Podman, skopeo and buildah stop with an error ("unmarshaling JSON …") whenever they read this file.'),
    typeRefusal: () => t('Podman, skopeo and buildah stop with an error ("json: cannot unmarshal …") whenever they read this file.'),
    ignoresKey: () => t('Podman, skopeo and buildah ignore it.'),
    ...FILE_SECRET_WORDS,
  },
};
