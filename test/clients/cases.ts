// The matrix: auth files × images, each with what containers/image (skopeo, podman, buildah) does,
// and the source that says so (containers/image pkg/docker/config/config.go, v5.23 as in Debian 12).
import { authOf } from './registry';

/** A user name the registry saw, 'anonymous' (no credentials sent), or 'error' (the client failed on the file). */
export type Seen = string;

/** Where a file goes: `authfile` (given with --authfile/--config) or a path in the case's search order. */
export type Place = 'authfile' | 'REGISTRY_AUTH_FILE' | 'xdg' | 'config' | 'docker' | 'dockercfg';

export interface Case {
  name: string;
  /** What the case shows and where containers/image says so. */
  why: string;
  files: (host: string) => Partial<Record<Place, unknown>>;
  /** image path (after host/) → what every containers/image client sends */
  images: Record<string, Seen>;
  /** what `podman login --get-login` prints for the host alone, when it differs from the first image's */
  login?: Seen;
  /** also run podman pull and buildah pull */
  pull?: boolean;
}

const a = (user: string) => ({ auth: authOf(user) });
const CFG = 'containers/image pkg/docker/config/config.go';

export const HELPER = { name: 'dcgtest', user: 'dave' };
export const STORE = { name: 'dcgstore', user: 'erin' };

export const CASES: Case[] = [
  {
    name: 'plain auth', why: `${CFG} findCredentialsInFile: the host entry's auth`,
    files: (h) => ({ authfile: { auths: { [h]: a('alice') } } }), images: { 'x/y:1': 'alice' }, pull: true,
  },
  {
    name: 'empty {} entry', why: `${CFG} findCredentialsInFile: an entry without auth is no credential; the only file`,
    files: (h) => ({ authfile: { auths: { [h]: {} } } }), images: { 'x/y:1': 'anonymous' },
  },
  {
    name: 'auth without colon', why: `${CFG} decodeDockerAuth: "if it's invalid just skip, as docker does"`,
    files: (h) => ({ authfile: { auths: { [h]: { auth: Buffer.from('nocolon').toString('base64') } } } }),
    images: { 'x/y:1': 'anonymous' },
  },
  {
    name: 'namespace key before host', why: `${CFG} authKeysForKey: the most specific namespace first`,
    files: (h) => ({ authfile: { auths: { [h]: a('alice'), [`${h}/x`]: a('bob') } } }),
    images: { 'x/y:1': 'bob', 'other/z:1': 'alice' }, login: 'alice', pull: true,
  },
  {
    name: 'repository key', why: `${CFG} authKeysForKey: the repository itself is a key`,
    files: (h) => ({ authfile: { auths: { [`${h}/x/y`]: a('carol'), [`${h}/x`]: a('bob') } } }),
    images: { 'x/y:1': 'carol', 'x/q:1': 'bob', 'other/z:1': 'anonymous' }, login: 'anonymous',
  },
  {
    name: 'URL-form key', why: `${CFG} findCredentialsInFile: legacy keys normalised (normalizeAuthFileKey)`,
    files: (h) => ({ authfile: { auths: { [`https://${h}/v1/`]: a('carol') } } }), images: { 'x/y:1': 'carol' },
  },
  {
    name: 'URL-form key loses to the plain host', why: `${CFG} findCredentialsInFile: exact keys are looked up before normalised ones`,
    files: (h) => ({ authfile: { auths: { [`https://${h}/v1/`]: a('carol'), [h]: a('alice') } } }), images: { 'x/y:1': 'alice' },
  },
  {
    name: 'credHelpers', why: `${CFG} getCredentialsWithHomeDir: credHelpers for the host run docker-credential-<name>`,
    files: (h) => ({ authfile: { auths: { [h]: a('alice') }, credHelpers: { [h]: HELPER.name } } }),
    images: { 'x/y:1': HELPER.user }, pull: true,
  },
  {
    name: 'credsStore ignored', why: `${CFG} dockerConfigFile: containers/image decodes only auths and credHelpers`,
    files: (h) => ({ authfile: { auths: { [h]: a('alice') }, credsStore: STORE.name } }), images: { 'x/y:1': 'alice' },
  },
  {
    name: 'credsStore with an empty entry', why: `${CFG}: credsStore is not read, the empty entry is no credential`,
    files: (h) => ({ authfile: { auths: { [h]: {} }, credsStore: STORE.name } }), images: { 'x/y:1': 'anonymous' },
  },
  {
    name: 'identitytoken only', why: `${CFG} findCredentialsInFile: IdentityToken with an empty username and password`,
    files: (h) => ({ authfile: { auths: { [h]: { identitytoken: 'tok-123' } } } }), images: { 'x/y:1': 'anonymous' },
  },
  {
    name: 'wrong-type serveraddress', why: `${CFG} dockerAuthConfig decodes only auth and identitytoken`,
    files: (h) => ({ authfile: { auths: { [h]: { ...a('frank'), serveraddress: 7 } } } }), images: { 'x/y:1': 'frank' },
  },
  {
    name: 'wrong-type auth', why: `${CFG} dockerAuthConfig.Auth is a string: json.Unmarshal fails`,
    files: (h) => ({ authfile: { auths: { [h]: { auth: 7 } } } }), images: { 'x/y:1': 'error' },
  },
  {
    name: 'search: REGISTRY_AUTH_FILE', why: `${CFG} getPathToAuthWithOS: REGISTRY_AUTH_FILE first`,
    files: (h) => ({ REGISTRY_AUTH_FILE: { auths: { [h]: a('grace') } }, xdg: { auths: { [h]: a('alice') } } }),
    images: { 'x/y:1': 'grace' },
  },
  {
    name: 'search: XDG_RUNTIME_DIR', why: `${CFG} getPathToAuthWithOS: \${XDG_RUNTIME_DIR}/containers/auth.json`,
    files: (h) => ({ xdg: { auths: { [h]: a('alice') } }, docker: { auths: { [h]: a('bob') } } }), images: { 'x/y:1': 'alice' },
  },
  {
    name: 'search: ~/.config/containers/auth.json', why: `${CFG} getAuthFilePaths: the user's auth.json when XDG has none`,
    files: (h) => ({ config: { auths: { [h]: a('heidi') } }, docker: { auths: { [h]: a('bob') } } }), images: { 'x/y:1': 'heidi' },
  },
  {
    name: 'search: ~/.docker/config.json', why: `${CFG} getAuthFilePaths: ~/.docker/config.json after the containers files`,
    files: (h) => ({ docker: { auths: { [h]: a('bob') } }, dockercfg: { [h]: a('ivan') } }), images: { 'x/y:1': 'bob' }, pull: true,
  },
  {
    name: 'search: ~/.dockercfg', why: `${CFG} getAuthFilePaths: the legacy ~/.dockercfg, a map without auths`,
    files: (h) => ({ dockercfg: { [h]: a('ivan') } }), images: { 'x/y:1': 'ivan' },
  },
  {
    name: 'dockercfg: keys cut at "/"', why: `${CFG} normalizeAuthFileKey(key, legacyFormat=true): every legacy key is cut at its first "/"`,
    files: (h) => ({ dockercfg: { [`${h}/other`]: a('ivan') } }), images: { 'x/y:1': 'ivan' },
  },
  {
    name: 'dockercfg: no namespace keys', why: `${CFG} findCredentialsInFile: a legacy file is looked up by the registry only (keys = []string{registry})`,
    files: (h) => ({ dockercfg: { [`${h}/x`]: a('ivan'), [h]: a('bob') } }), images: { 'x/y:1': 'bob' },
  },
  {
    name: 'ftp:// key is not a host', why: `${CFG} normalizeAuthFileKey: only http:// and https:// are dropped (docker reduces ftp://host to host)`,
    files: (h) => ({ authfile: { auths: { [`ftp://${h}`]: a('ivan') } } }), images: { 'x/y:1': 'anonymous' },
  },
  {
    name: 'search: empty entry moves on', why: `${CFG} getCredentialsWithHomeDir: an entry without credentials is not found; the next file`,
    files: (h) => ({ xdg: { auths: { [h]: {} } }, docker: { auths: { [h]: a('bob') } } }), images: { 'x/y:1': 'bob' }, pull: true,
  },
  {
    name: 'search: auth without colon moves on', why: `${CFG} decodeDockerAuth: an invalid auth is no credential; the next file`,
    files: (h) => ({ xdg: { auths: { [h]: { auth: Buffer.from('nocolon').toString('base64') } } }, docker: { auths: { [h]: a('bob') } } }),
    images: { 'x/y:1': 'bob' },
  },
  {
    name: 'search: broken first file', why: `${CFG} getCredentialsWithHomeDir: a file that does not parse is an error, not skipped`,
    files: (h) => ({ xdg: '{"auths": {', docker: { auths: { [h]: a('bob') } } }), images: { 'x/y:1': 'error' },
  },
  {
    name: 'search: broken ~/.dockercfg', why: `${CFG}: every file in the order is read until one answers; a broken legacy file fails the lookup`,
    files: () => ({ dockercfg: 'not json' }), images: { 'x/y:1': 'error' },
  },
];
