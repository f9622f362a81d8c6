/**
 * Whose reading of a config the rules follow. The same rules run for each client; a profile only
 * says where the client reads the file differently (see the client table in
 * ../shared/reference/docker-credentials.md and docs/rules.md).
 */
import { AuthDecodeRules } from './docker/auth';
import { t } from './l10n';
import { AuthEntryField } from './docker/schema';

/**
 * docker: the docker CLI (and buildkit, crane, docker-py ...) reading ~/.docker/config.json.
 * containers: podman, skopeo and buildah (containers/image) reading containers/auth.json.
 * kubelet: the config inside a Kubernetes image pull secret.
 */
export type ClientProfile = 'docker' | 'containers' | 'kubelet';

export interface Profile {
  id: ClientProfile;
  /** The helpers the client runs: credsStore and credHelpers, only credHelpers, or none. */
  helpers: 'all' | 'credHelpers' | 'none';
  /** Top-level fields the client reads; 'all': every field of docker's ConfigFile. */
  reads: readonly string[] | 'all';
  /** Entry fields that give credentials on their own. */
  sends: readonly AuthEntryField[];
  /** Entry fields holding a secret the client uses (reported as plain text). */
  secrets: readonly AuthEntryField[];
  /** Entry fields docker reads and this client ignores (reported when set). */
  ignores: readonly AuthEntryField[];
  /** Keys such as quay.io/team/app name a namespace (matched most specific first), not their host. */
  namespaces: boolean;
  /** Keys may hold `*` globs (kubelet matches `*.example.com`). */
  wildcards: boolean;
  auth: AuthDecodeRules;
}

const DOCKER_SECRETS: readonly AuthEntryField[] = ['auth', 'password', 'identitytoken', 'registrytoken'];

export const PROFILES: Readonly<Record<ClientProfile, Profile>> = {
  docker: { id: 'docker', helpers: 'all', reads: 'all', sends: DOCKER_SECRETS, secrets: DOCKER_SECRETS, ignores: [], namespaces: false, wildcards: false, auth: {} },
  containers: {
    id: 'containers',
    helpers: 'credHelpers',
    reads: ['auths', 'credHelpers'],
    sends: ['auth'],
    secrets: ['auth', 'identitytoken'],
    ignores: ['username', 'password', 'registrytoken'],
    namespaces: true,
    wildcards: false,
    auth: { emptyUsername: true },
  },
  kubelet: {
    id: 'kubelet',
    helpers: 'none',
    reads: ['auths', 'HttpHeaders'],
    sends: ['auth', 'password'],
    secrets: ['auth', 'password'],
    ignores: ['identitytoken', 'registrytoken'],
    namespaces: true,
    wildcards: true,
    auth: { unpadded: true, emptyUsername: true },
  },
};

/** What the client does with a file (or secret) it cannot read at all. */
export function refusal(profile: ClientProfile): string {
  return profile === 'kubelet'
    ? t('The API server rejects the Secret as invalid JSON ("Invalid value: "<secret contents redacted>""), so it is never created.')
    : t('Podman, skopeo and buildah stop with an error ("unmarshaling JSON …") whenever they read this file.');
}

/** What the client does with a value of the wrong type. */
export function typeRefusal(profile: ClientProfile): string {
  return profile === 'kubelet'
    ? t('Kubelet cannot decode this pull secret ("json: cannot unmarshal …"): every image pull of a pod that uses it fails.')
    : t('Podman, skopeo and buildah stop with an error ("json: cannot unmarshal …") whenever they read this file.');
}

/** "The client ignores it." for keys it does not know. */
export function ignoresKey(profile: ClientProfile): string {
  return profile === 'kubelet' ? t('Kubelet ignores it.') : t('Podman, skopeo and buildah ignore it.');
}

