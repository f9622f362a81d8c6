/**
 * podman, skopeo and buildah (containers/image v5.23, pkg/docker/config/config.go) reading the legacy ~/.dockercfg:
 * `readJSONFile(path, legacyFormat=true)` decodes the whole file with json.Unmarshal into a map of registries to
 * `dockerAuthConfig` (only `auth` and `identitytoken` typed), there is no credHelpers, `findCredentialsInFile` looks up
 * only the image's registry (no namespaces) and then every key normalized with `normalizeAuthFileKey(key, true)` (cut at
 * the first "/"). It is the last file of their default search order. The docker CLI stopped reading this file in
 * docker/cli v23.0 (commit ee218fa, "Deprecation: config: remove support for old ~/.dockercfg").
 */
import { TOP_LEVEL_FIELDS } from '../docker/schema';
import { CONTAINERS } from './containers';
import { ClientReading } from './types';

// no credsStore in a legacy file: its message is never needed
const { emptyEntryStoreIgnored: _unused, ...CONTAINERS_MESSAGES } = CONTAINERS.messages;

export const DOCKERCFG: ClientReading = {
  ...CONTAINERS,
  id: 'dockercfg',
  topLevel: { auths: TOP_LEVEL_FIELDS.auths }, // the file's top level, read here under a wrapping "auths"
  helpers: 'none',
  namespaces: false,
  keyHost: 'containers-legacy',
  messages: { ...CONTAINERS_MESSAGES, emptyEntry: 'noAuthLegacy', invalidFormat: 'containersFormatLegacy', caseVariant: 'caseVariantLegacy', filePermissions: 'readableLegacy' },
};
