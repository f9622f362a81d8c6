/**
 * `resolve IMAGE --client X`: where one client takes credentials for an image, from a list of files in its
 * search order. Never the secret: only the username, the key and the helper.
 * - docker: docker/cli cli/config (config.Load: config.json only; the legacy ~/.dockercfg is not read since v23.0) and
 *   configfile/file.go + credentials/ (credHelpers, credsStore, the file store; the resolve.ts model).
 * - podman, skopeo, buildah: containers/image pkg/docker/config/config.go (getAuthFilePaths,
 *   findCredentialsInFile, decodeDockerAuth): credHelpers[registry] first, then `auths` by the image's
 *   namespaces most specific first, then by normalized host; an empty entry or an `auth` without ":" moves on
 *   to the next file; a file it cannot decode, or an `auth` that is not base64, stops the lookup with an error.
 * - kubelet: kubernetes pkg/credentialprovider keyring.go (BasicDockerKeyring.Add, Lookup, URLsMatch):
 *   every matching key, most specific first (the keys sorted in reverse), each entry tried in turn.
 */
import { decodeAuth } from './docker/auth';
import { AuthEntry, ConfigModel, fieldValue } from './docker/model';
import { DOCKER_HUB_DOMAIN } from './docker/registry';
import { t } from './l10n';
import { resolveImage } from './resolve';
import { analyze } from './rules';
import { kubeletKeyOf, kubeletMatches, containersKeyOf, imageRepository } from './clientKeys';

export type ResolveClient = 'docker' | 'podman' | 'skopeo' | 'buildah' | 'kubelet';
export const RESOLVE_CLIENTS: readonly ResolveClient[] = ['docker', 'podman', 'skopeo', 'buildah', 'kubelet'];

/** One file of a search order: its text, or why it is not read. `legacy`: a ~/.dockercfg (registries at the top, no auths). */
export interface CandidateFile {
  file: string;
  text?: string;
  /** The file is missing (skipped silently by every client), or cannot be read (the reason). */
  missing?: boolean;
  readError?: string;
  legacy?: boolean;
}

export interface ClientAnswer {
  client: ResolveClient;
  registry: string;
  /** The file the answer came from (null: no file answered). */
  file: string | null;
  /** The key of that file that answered (auths or credHelpers key; for credsStore, the key the helper is asked with). */
  key: string | null;
  source: 'credHelpers' | 'credsStore' | 'auths' | 'none';
  helper: string | null;
  username: string | null;
  /** The usernames in the order the client tries them (every matching entry for kubelet; at most one otherwise). */
  usernames: string[];
  /** Why the client fails on the file (it stops with this error). Our words, never a secret. */
  error: string | null;
  /** The files of the search order not used, and why. */
  skipped: Array<{ file: string; reason: string }>;
}

/** The text as a config with `auths` (a ~/.dockercfg is a map of registries: wrapped). */
function configText(c: CandidateFile): string {
  return c.legacy ? `{"auths":${c.text ?? ''}}` : (c.text ?? '');
}

/** Whether a Go client (json.Unmarshal) refuses the text: a syntax error, or a wrong type on a field it decodes. */
function refusal(text: string, profile: 'containers' | 'kubelet'): { model: ConfigModel; error: string | null } {
  const a = analyze(text, { profile });
  // kubelet: DockerConfigEntry.UnmarshalJSON fails on an auth it cannot decode, and with it the whole config
  // (kubernetes pkg/credentialprovider config.go decodeDockerConfigFieldAuth; config_test.go
  // TestDockerConfigEntryJSONDecode "poorly-formatted auth causes failure").
  const refused =
    a.load === 'ignored' ||
    a.findings.some((f) => f.rule === 'wrong-type' || (f.rule === 'json-syntax' && f.severity === 'error') || (profile === 'kubelet' && f.rule === 'invalid-auth'));
  return { model: a.model, error: refused ? t('the file cannot be decoded (json.Unmarshal fails): the client stops with an error') : null };
}

export function resolveForClient(client: ResolveClient, image: string, files: readonly CandidateFile[]): ClientAnswer {
  if (client === 'docker') return dockerAnswer(image, files);
  if (client === 'kubelet') return kubeletAnswer(image, files);
  return containersAnswer(client, image, files);
}

function base(client: ResolveClient, registry: string): ClientAnswer {
  return { client, registry, file: null, key: null, source: 'none', helper: null, username: null, usernames: [], error: null, skipped: [] };
}

/** docker/cli config.Load: config.json is the only file read (a broken one is ignored with a warning); never ~/.dockercfg. */
function dockerAnswer(image: string, files: readonly CandidateFile[]): ClientAnswer {
  const skipped: ClientAnswer['skipped'] = [];
  for (const c of files) {
    if (c.legacy) {
      // docker/cli removed its ~/.dockercfg fallback in v23.0 (commit ee218fa, "remove support for old ~/.dockercfg")
      if (!c.missing) skipped.push({ file: c.file, reason: t('docker does not read the legacy ~/.dockercfg (since docker 23.0)') });
      continue;
    }
    if (c.missing) {
      skipped.push({ file: c.file, reason: t('not found') });
      continue;
    }
    if (c.readError !== undefined) return { ...base('docker', registryOf(image)), file: c.file, error: c.readError, skipped };
    const r = resolveImage(configText(c), image);
    const key = r.source === 'credHelpers' || r.source === 'credsStore' ? r.key : r.entry;
    const username = r.source === 'auths' ? r.username : null;
    return {
      ...base('docker', r.registry),
      file: c.file,
      key,
      source: r.source,
      helper: r.helper,
      username,
      usernames: username !== null ? [username] : [],
      skipped: r.fileIgnored ? [...skipped, { file: c.file, reason: t('docker ignores this file: it cannot parse it') }] : skipped,
    };
  }
  return { ...base('docker', registryOf(image)), skipped };
}

function registryOf(image: string): string {
  return imageRepository(image).registry;
}

/** The entry containers/image reads for the image in one file (findCredentialsInFile), by exact namespace keys then normalized hosts. */
export function containersEntry(model: ConfigModel, image: string, legacy: boolean): AuthEntry | undefined {
  const { registry, repository } = imageRepository(image);
  const keys: string[] = [];
  const parts = repository.split('/');
  // namespace keys are not looked up in the legacy ~/.dockercfg (findCredentialsInFile: keys = []string{registry})
  if (!legacy) for (let n = parts.length; n >= 1; n--) keys.push([registry, ...parts.slice(0, n)].join('/'));
  keys.push(registry);
  for (const k of keys) {
    const e = model.auths.get(k);
    if (e) return e;
  }
  return model.authEntries.find((e) => containersKeyOf(e.key, legacy) === registry);
}

function containersAnswer(client: ResolveClient, image: string, files: readonly CandidateFile[]): ClientAnswer {
  const { registry } = imageRepository(image);
  const answer = base(client, registry);
  for (const c of files) {
    if (c.missing) {
      answer.skipped.push({ file: c.file, reason: t('not found') });
      continue;
    }
    if (c.readError !== undefined) return { ...answer, file: c.file, error: c.readError };
    const { model, error } = refusal(configText(c), 'containers');
    if (error) return { ...answer, file: c.file, error };
    const helper = model.credHelpers.get(registry);
    if (helper) return { ...answer, file: c.file, key: registry, source: 'credHelpers', helper: helper.value };
    const entry = containersEntry(model, image, !!c.legacy);
    if (!entry) {
      answer.skipped.push({ file: c.file, reason: t('no entry for {0}', registry) });
      continue;
    }
    const auth = entry.isObject ? fieldValue(entry, 'auth') : '';
    const d = decodeAuth(auth, { emptyUsername: true });
    if (!d.ok && d.reason === 'base64') return { ...answer, file: c.file, key: entry.key, error: t('the "auth" of "{0}" is not base64 ({1}): the client stops with an error', entry.key, d.detail) };
    if (!d.ok) {
      answer.skipped.push({ file: c.file, reason: auth === '' ? t('"{0}" holds no "auth": moved on to the next file', entry.key) : t('the "auth" of "{0}" has no ":": moved on to the next file', entry.key) });
      continue;
    }
    return { ...answer, file: c.file, key: entry.key, source: 'auths', username: d.username, usernames: [d.username] };
  }
  return answer;
}

/** The username and whether an entry gives credentials (kubernetes DockerConfigEntry.UnmarshalJSON: auth wins over username/password). */
function kubeletCredentials(entry: AuthEntry): { username: string; has: boolean } {
  if (!entry.isObject) return { username: '', has: false };
  const auth = fieldValue(entry, 'auth');
  if (auth) {
    const d = decodeAuth(auth, { unpadded: true, emptyUsername: true });
    return d.ok ? { username: d.username, has: true } : { username: '', has: false };
  }
  const username = fieldValue(entry, 'username');
  return { username, has: username !== '' || fieldValue(entry, 'password') !== '' };
}

function kubeletAnswer(image: string, files: readonly CandidateFile[]): ClientAnswer {
  const { registry, repository } = imageRepository(image);
  const answer = base('kubelet', registry);
  const c = files.find((f) => !f.missing);
  for (const f of files) if (f.missing) answer.skipped.push({ file: f.file, reason: t('not found') });
  if (!c) return answer;
  if (c.readError !== undefined) return { ...answer, file: c.file, error: c.readError };
  const { model, error } = refusal(configText(c), 'kubelet');
  if (error) return { ...answer, file: c.file, error };
  const target = `${registry}/${repository}`;
  // keyring.go Add: one key per entry (scheme dropped, /v1/ and /v2/ dropped), sorted in reverse; Lookup: every key that matches.
  const keyed = model.authEntries.map((e) => ({ entry: e, key: kubeletKeyOf(e.key) })).filter((k): k is { entry: AuthEntry; key: string } => k.key !== undefined);
  keyed.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  let matched = keyed.filter((k) => kubeletMatches(k.key, target));
  if (matched.length === 0 && registry === DOCKER_HUB_DOMAIN) matched = keyed.filter((k) => k.key === 'index.docker.io');
  const creds = matched.map((m) => ({ ...m, ...kubeletCredentials(m.entry) })).filter((m) => m.has);
  if (creds.length === 0) return { ...answer, file: c.file, key: matched[0]?.entry.key ?? null };
  return { ...answer, file: c.file, key: creds[0].entry.key, source: 'auths', username: creds[0].username, usernames: creds.map((m) => m.username) };
}

/** The answer in words, one line each (file names and keys are from the user: the caller prints them with outputLine). */
export function clientAnswerText(a: ClientAnswer): string[] {
  const lines: string[] = [];
  const who = a.client;
  if (a.error !== null) lines.push(t('{0} stops with an error on {1}: {2}', who, a.file ?? '-', a.error));
  else if (a.source === 'credHelpers' || a.source === 'credsStore') lines.push(t('{0} asks the helper "{1}" ({2}, key "{3}") in {4}', who, a.helper ?? '', a.source, a.key ?? '', a.file ?? '-'));
  else if (a.source === 'auths') lines.push(t('{0} sends the credentials of "{1}" in {2} (username: {3})', who, a.key ?? '', a.file ?? '-', a.username ?? '-'));
  else lines.push(t('{0} finds no credentials for {1}: it pulls without any', who, a.registry));
  if (a.usernames.length > 1) lines.push(t('Usernames in the order tried: {0}', a.usernames.join(', ')));
  for (const s of a.skipped) lines.push(t('Skipped {0}: {1}', s.file, s.reason));
  return lines;
}
