/**
 * What a client reads in a registry config, as data. The same rules run for every client; they ask this
 * record and never compare a client's name. Facts (what is decoded, which helpers run, how keys match) drive
 * what the rules check; the `messages` choices name, per situation, the rule message that tells what this
 * client does (the ids are those of the rule modules' `messages`); `says` holds the sentence fragments in
 * the client's words. Correcting a claim about a client means editing its file in src/core/clients/.
 */
import { AuthDecodeRules } from '../docker/auth';
import { AuthEntryField, GoType } from '../docker/schema';

/**
 * docker: the docker CLI (and buildkit, crane, docker-py ...) reading ~/.docker/config.json.
 * containers: podman, skopeo and buildah (containers/image) reading containers/auth.json.
 * kubelet: the config inside a Kubernetes image pull secret.
 * dockercfg: podman, skopeo and buildah reading the legacy ~/.dockercfg (registries at the top, no `auths`), the last
 *   file of their search order; docker has not read it since docker/cli v23.0.
 */
export type ClientId = 'docker' | 'containers' | 'kubelet' | 'dockercfg';

export interface ClientReading {
  id: ClientId;

  // ---- decoding
  /** Top-level fields the client decodes, each with the Go type it is decoded into (and type-checked against). */
  topLevel: Readonly<Record<string, GoType>>;
  /** Fields of an auths entry decoded as strings (a value of another type is a wrong-type finding). */
  entryFields: readonly AuthEntryField[];
  /**
   * Fields of an auths entry the client decodes into a typed struct field: a value of another type there makes Go's
   * decoder fail. Go's json.Unmarshal skips every other field without looking at its type.
   */
  typedEntryFields: readonly AuthEntryField[];
  /** An empty (or white-space) text: read as an empty config, or refused (Go's json.Unmarshal). */
  emptyText: 'empty-config' | 'refused';
  /** Text after the top-level value: the first value is read, or the whole text is refused. */
  trailingText: 'read-first-value' | 'refused';
  /** A text it cannot parse, or a top level that is not an object: ignored (read as empty), or refused. */
  unreadable: 'ignored' | 'refused';
  /** A value of the wrong type: the rest is loaded in part (docker), or the whole text is refused. */
  wrongType: 'partial-load' | 'refused';
  /** Top-level keys the client read once and no longer does: reported as such, or not reported at all. */
  removedKeys: 'reported' | 'not-reported';

  // ---- credentials
  /** Entry fields that give credentials on their own. */
  sends: readonly AuthEntryField[];
  /** Entry fields holding a secret the client uses (reported as plain text). */
  secrets: readonly AuthEntryField[];
  /** Entry fields docker reads and this client ignores (reported when set). */
  ignores: readonly AuthEntryField[];
  auth: AuthDecodeRules;
  /** The helpers the client runs: credsStore and credHelpers, only credHelpers, or none. */
  helpers: 'all' | 'credHelpers' | 'none';
  /** Whether helper-not-found looks the client's helpers up on PATH. */
  checksHelperOnPath: boolean;
  /** The file is read by other tools too (pull secrets made from it, older tools): an empty placeholder matters to them. */
  readByOthers: boolean;

  // ---- keys
  /**
   * How a key that matched no registry exactly is reduced to one: docker/cli ConvertToHostname (Go's url.Parse, any
   * scheme), containers/image normalizeAuthFileKey (only http:// and https:// dropped, then cut at "/"), or its
   * legacy-format reading (every key cut at "/"). See keyHostOf in clients/index.ts.
   */
  keyHost: 'docker' | 'containers' | 'containers-legacy';
  /** Keys such as quay.io/team/app name a namespace (matched most specific first), not their host. */
  namespaces: boolean;
  /** Keys may hold `*` globs (kubelet matches `*.example.com`). */
  wildcards: boolean;
  /** Docker Hub keys: only https://index.docker.io/v1/ (other spellings reported), or every spelling. */
  hubKeys: 'exact' | 'any-spelling';
  /** The credHelpers key the client looks up for Docker Hub. */
  hubHelperKey: string;
  /** Several auths keys match one registry: one of them is used, or each is tried in turn. */
  matches: 'one' | 'each';
  /** Hovers explain which credentials docker takes for a registry key (only docker's lookup is modelled). */
  explainsLookup: boolean;

  messages: ClientMessages;
  says: ClientWords;
}

/**
 * How a client that decodes with Go's `json.Unmarshal` reads the text (containers/image, kubelet and the API
 * server): the whole text must be one valid JSON value of the right types, or nothing is read.
 */
export const GO_UNMARSHAL = {
  emptyText: 'refused',
  trailingText: 'refused',
  unreadable: 'refused',
  wrongType: 'refused',
  removedKeys: 'not-reported',
} as const satisfies Partial<ClientReading>;

/** Per situation, the message (an id of the rule module's `messages`) that tells what this client does. */
export interface ClientMessages {
  /** wildcard-registry on a credHelpers key and on an auths key. */
  wildcardHelperKey: 'docker' | 'containers';
  wildcardEntry: 'dockerEntry' | 'containersEntry';
  /** helper-key-form. */
  helperKeyForm: 'docker' | 'containers';
  /** empty-auth when no helper handles the registry, and when besides a credsStore is set that the client does not run. */
  emptyEntry: 'noCredentials' | 'noCredentialsPullSecret' | 'noAuth' | 'noAuthLegacy';
  emptyEntryStoreIgnored?: 'noAuthStoreIgnored';
  /** plaintext-credential. */
  plaintext: 'file' | 'manifest';
  /** shadowed-credential (docker's words tell credHelpers and credsStore apart). */
  shadowedByHelper: 'byHelper' | 'containers';
  shadowedByStore: 'byStore' | 'containers';
  /** ignored-field on an entry field holding a secret. */
  ignoredSecret: 'secretContainers' | 'secretKubelet';
  /** invalid-auth. */
  invalidBase64: 'docker' | 'containers' | 'kubelet';
  invalidFormat: 'dockerFormat' | 'containersFormat' | 'containersFormatLegacy' | 'kubelet';
  /** auth-mismatch. */
  authMismatch: 'docker' | 'kubelet';
  /** duplicate-registry: one key written twice, and keys the client reads as one registry. */
  duplicateKey: 'twiceDocker' | 'twiceGo';
  sameRegistry: 'docker' | 'containers';
  /** unknown-key on a key that differs from a known one only in case. */
  caseVariant: 'caseVariant' | 'caseVariantLegacy';
  /** file-permissions. */
  filePermissions: 'readable' | 'readableLegacy';
}

/** Sentence fragments in the client's words (localized when called). */
export interface ClientWords {
  /** What the client does with a text it cannot read at all. */
  unreadable(): string;
  /** What the client does with a value of the wrong type (only clients that refuse the text: `wrongType: 'refused'`). */
  typeRefusal?(): string;
  /** What the client does with a key it does not know: at the top level, an old ~/.dockercfg registry key, in an entry. */
  ignoresKey(where: 'top' | 'old-layout' | 'entry'): string;
  /** The warning under a decoded secret. */
  decodedSecret(): string;
  /** The warning on a plaintext `password`, `identitytoken` or `registrytoken`. */
  plainSecret(field: string): string;
}
