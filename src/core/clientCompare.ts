/**
 * Side by side: what docker, containers/image (podman, skopeo, buildah) and kubelet do with ONE file for one image
 * (the hover on a registry key, the Which Credentials command). Only this file is read, no helper runs: where
 * containers/image finds nothing usable here it goes on to the next file of its search order (containers/image
 * pkg/docker/config/config.go getCredentialsWithHomeDir), and that is what the answer says.
 * - docker: the resolve.ts model (docker/cli configfile + credentials).
 * - containers/image and kubelet: clientResolve.ts (findCredentialsInFile; kubernetes pkg/credentialprovider keyring.go).
 * - A Docker config is also read by containers/image (after its own auth.json files), and is what
 *   `kubectl create secret generic --from-file=.dockerconfigjson=~/.docker/config.json` copies into a pull secret.
 */
import { ClientId } from './clients';
import { ClientAnswer, containersEntry, resolveForClient } from './clientResolve';
import { imageRepository } from './clientKeys';
import { decodeAuth } from './docker/auth';
import { fieldValue, parseConfig } from './docker/model';
import { DOCKER_HUB_DOMAIN } from './docker/registry';
import { Resolution, resolveImage, ResolveOptions } from './resolve';

/** docker; containers/image; kubelet reading a pull secret; kubelet reading a pull secret made from this Docker config. */
export type CompareClient = 'docker' | 'containers' | 'kubelet' | 'kubelet-copy';

export type SourceView =
  | { kind: 'helper'; helper: string; via: 'credHelpers' | 'credsStore' }
  | { kind: 'entry'; key: string }
  | { kind: 'none' }
  | { kind: 'error' };

/** Why a client answers as it does (rendered in the note column). `key`, `keys`, `detail` come from the file or our own words. */
export type Note =
  | { id: 'fileIgnored' | 'undecoded' | 'noEntry' | 'movesOnNoEntry' | 'eachInTurn' | 'noHelper' | 'noCredsStore' }
  | { id: 'emptyEntry' | 'movesOnEmpty' | 'movesOnNoColon' | 'hubHelperKey'; key: string }
  | { id: 'randomPick'; keys: string[] }
  | { id: 'error'; detail: string };

export interface ClientRow {
  client: CompareClient;
  source: SourceView;
  /** The usernames in the order tried; 'helper' when a helper gives them. Never a secret. */
  usernames: string[] | 'helper';
  notes: Note[];
}

export interface SideBySide {
  image: string;
  /** The image's registry (docker.io for Docker Hub). */
  registry: string;
  /** The file's own reader: docker (a Docker config), containers (a containers auth file), kubelet (a pull secret's config). */
  kind: ClientId;
  rows: ClientRow[];
}

/** The clients that read a file of this kind, in the order shown. */
function clientsOf(kind: ClientId): CompareClient[] {
  if (kind === 'docker') return ['docker', 'containers', 'kubelet-copy'];
  return kind === 'containers' ? ['containers'] : ['kubelet'];
}

/**
 * Each client's answer for `image` from this one file. `legacy`: the text is a ~/.dockercfg or a
 * kubernetes.io/dockercfg secret (registries at the top level). `dockerOptions`: docker's options (its platform default
 * helper, looked up on PATH by the command; a hover passes none and runs nothing).
 */
export function compareClients(image: string, fileText: string, kind: ClientId, legacy = false, dockerOptions: ResolveOptions = {}): SideBySide {
  const text = legacy ? `{"auths":${fileText}}` : fileText;
  const one = [{ file: '', text }];
  const docker = kind === 'docker' ? resolveImage(text, image, dockerOptions) : undefined;
  const dockerUsesHelper = docker !== undefined && (docker.source === 'credHelpers' || docker.source === 'credsStore');
  const rows = clientsOf(kind).map((client): ClientRow => {
    if (client === 'docker') return dockerRow(docker!);
    if (client === 'containers') return containersRow(resolveForClient('podman', image, one), text, image, docker);
    return kubeletRow(client, resolveForClient('kubelet', image, one), dockerUsesHelper);
  });
  return { image, registry: imageRepository(image).registry, kind, rows };
}

function dockerRow(docker: Resolution): ClientRow {
  const notes: Note[] = [];
  if (docker.fileIgnored) notes.push({ id: 'fileIgnored' });
  if (docker.undecoded) notes.push({ id: 'undecoded' });
  if (docker.candidates) notes.push({ id: 'randomPick', keys: docker.candidates });
  if (docker.source === 'none' && !docker.fileIgnored) notes.push(docker.entry ? { id: 'emptyEntry', key: docker.entry } : { id: 'noEntry' });
  if (docker.source === 'credHelpers' || docker.source === 'credsStore') return { client: 'docker', source: { kind: 'helper', helper: docker.helper ?? '', via: docker.source }, usernames: 'helper', notes };
  const source: SourceView = docker.source === 'auths' ? { kind: 'entry', key: docker.entry ?? '' } : { kind: 'none' };
  return { client: 'docker', source, usernames: docker.username !== null ? [docker.username] : [], notes };
}

function errorRow(client: CompareClient, a: ClientAnswer): ClientRow {
  return { client, source: { kind: 'error' }, usernames: [], notes: [{ id: 'error', detail: a.error ?? '' }] };
}

function containersRow(a: ClientAnswer, text: string, image: string, docker: Resolution | undefined): ClientRow {
  if (a.error !== null) return errorRow('containers', a);
  const notes: Note[] = [];
  if (docker?.source === 'credHelpers' && a.source !== 'credHelpers' && a.registry === DOCKER_HUB_DOMAIN) notes.push({ id: 'hubHelperKey', key: docker.key });
  if (docker?.source === 'credsStore' && a.source !== 'credHelpers') notes.push({ id: 'noCredsStore' });
  if (a.source === 'credHelpers') return { client: 'containers', source: { kind: 'helper', helper: a.helper ?? '', via: 'credHelpers' }, usernames: 'helper', notes };
  if (a.source === 'auths') return { client: 'containers', source: { kind: 'entry', key: a.key ?? '' }, usernames: a.usernames, notes };
  // Nothing usable in this file: which case (clientResolve's containersAnswer, the entry it read).
  const entry = containersEntry(parseConfig(text).model, image, false); // the editor compares config.json, auth.json and pull secrets; a ~/.dockercfg gets no comparison
  if (!entry) notes.push({ id: 'movesOnNoEntry' });
  else notes.push({ id: entry.isObject && fieldValue(entry, 'auth') !== '' && !decodeAuth(fieldValue(entry, 'auth'), { emptyUsername: true }).ok ? 'movesOnNoColon' : 'movesOnEmpty', key: entry.key });
  return { client: 'containers', source: { kind: 'none' }, usernames: [], notes };
}

function kubeletRow(client: 'kubelet' | 'kubelet-copy', a: ClientAnswer, dockerUsesHelper: boolean): ClientRow {
  if (a.error !== null) return errorRow(client, a);
  const notes: Note[] = [];
  if (dockerUsesHelper) notes.push({ id: 'noHelper' });
  if (a.source === 'auths') {
    if (a.usernames.length > 1) notes.push({ id: 'eachInTurn' });
    return { client, source: { kind: 'entry', key: a.key ?? '' }, usernames: a.usernames, notes };
  }
  notes.push(a.key !== null ? { id: 'emptyEntry', key: a.key } : { id: 'noEntry' });
  return { client, source: { kind: 'none' }, usernames: [], notes };
}

const HUB_SPELLINGS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * An image a registry key is used for, to ask each client with: `alpine` for Docker Hub, `host/team/app:tag` for a
 * host, `host/ns/app:tag` for a namespace key. Undefined when no image reference names the key's registry (a
 * host without a dot or port, such as `myregistry`, is read as a Docker Hub namespace).
 */
export function imageForKey(key: string): string | undefined {
  let rest = key.replace(/^https?:\/\//i, '');
  const slash = rest.indexOf('/');
  const host = (slash >= 0 ? rest.slice(0, slash) : rest).toLowerCase();
  let path = slash >= 0 ? rest.slice(slash) : '';
  if (/^\/v[12](\/|$)/.test(path)) path = path.slice(3);
  path = path.replace(/\/+$/, '');
  if (!/^[a-z0-9.\-[\]:]+$/.test(host)) return undefined;
  // Brackets only around an IPv6 address: elsewhere "[...]" is a kubelet glob class, and no image names such a host.
  if (host.includes('[') && !/^\[[0-9a-f:.]+\](:\d+)?$/.test(host)) return undefined;
  const hub = HUB_SPELLINGS.has(host);
  rest = hub ? (path ? `docker.io${path}/app:tag` : 'alpine') : `${host}${path || '/team'}/app:tag`;
  if (!/^[A-Za-z0-9._\-/:[\]]+$/.test(rest)) return undefined;
  return imageRepository(rest).registry === (hub ? DOCKER_HUB_DOMAIN : host) ? rest : undefined;
}
