/**
 * The docker CLI (and buildkit, crane, docker-py ...) reading ~/.docker/config.json: docker/cli
 * cli/config/configfile/file.go (`ConfigFile`, `LoadFromReader`, `decodeAuth`) and cli/config/credentials.
 */
import { TOP_LEVEL_FIELDS, AUTH_ENTRY_FIELDS, AuthEntryField } from '../docker/schema';
import { DOCKER_HUB_KEY } from '../docker/registry';
import { t } from '../l10n';
import { ClientReading } from './types';

const SECRETS: readonly AuthEntryField[] = ['auth', 'password', 'identitytoken', 'registrytoken'];

/** The warnings on secrets in a file (docker's config, containers' auth.json). */
export const FILE_SECRET_WORDS = {
  decodedSecret: (): string => t('Anyone who can read this file can decode it the same way: base64 is an encoding, not encryption. Move the secret into a credential helper.'),
  plainSecret: (field: string): string => t('This "{0}" is stored in plain text. Anyone who can read this file can use it. Move the secret into a credential helper.', field),
};

export const DOCKER: ClientReading = {
  id: 'docker',
  topLevel: TOP_LEVEL_FIELDS,
  entryFields: AUTH_ENTRY_FIELDS,
  typedEntryFields: AUTH_ENTRY_FIELDS, // docker/cli types.AuthConfig
  emptyText: 'empty-config',
  trailingText: 'read-first-value',
  unreadable: 'ignored',
  wrongType: 'partial-load',
  removedKeys: 'reported',
  sends: SECRETS,
  secrets: SECRETS,
  ignores: [],
  auth: {},
  helpers: 'all',
  checksHelperOnPath: true,
  readByOthers: true,
  keyHost: 'docker', // docker/cli cli/config/credentials/file_store.go ConvertToHostname
  namespaces: false,
  wildcards: false,
  hubKeys: 'exact',
  hubHelperKey: DOCKER_HUB_KEY,
  matches: 'one',
  explainsLookup: true,
  messages: {
    wildcardHelperKey: 'docker',
    wildcardEntry: 'dockerEntry',
    helperKeyForm: 'docker',
    emptyEntry: 'noCredentials',
    plaintext: 'file',
    shadowedByHelper: 'byHelper',
    shadowedByStore: 'byStore',
    ignoredSecret: 'secretContainers', // docker ignores no field
    invalidBase64: 'docker',
    invalidFormat: 'dockerFormat',
    authMismatch: 'docker',
    duplicateKey: 'twiceDocker',
    sameRegistry: 'docker',
    caseVariant: 'caseVariant',
    filePermissions: 'readable',
  },
  says: {
    unreadable: () =>
      t('Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with none of its credentials (only a default helper found on PATH, such as pass, is still asked).'),
    ignoresKey: (where) =>
      where === 'top'
        ? t('Docker ignores it and drops it the next time it rewrites the file (e.g. on docker login).')
        : where === 'old-layout'
          ? t('Docker ignores it here.')
          : t('Docker ignores it in a registry entry.'),
    ...FILE_SECRET_WORDS,
  },
};
