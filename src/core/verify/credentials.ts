/**
 * The credentials docker would send for a registry, with the secret (verify needs it; nothing here
 * prints it): the helper's `get` answer, else the file's entry (docker/cli credentials store).
 */
import { decodeAuth } from '../docker/auth';
import { fieldValue } from '../docker/model';
import { registryOfImage } from '../docker/registry';
import { HelperClient } from '../helpers/client';
import { Resolution, ResolveOptions, plaintextLookup, resolveImage } from '../resolve';
import { analyze } from '../rules';

export interface LoginCredentials {
  username: string;
  password: string;
  /** docker's `identitytoken` (username `<token>` from a helper): a refresh token for the realm. */
  identityToken: string;
}

export interface CredentialLookup {
  resolution: Resolution;
  credentials?: LoginCredentials;
  /** The helper failed: our words (never its text). */
  helperError?: string;
}

/** `docker.io`, `https://index.docker.io/v1/`, `host[:port]` or `https://host[:port]/path`: the registry's name for resolve. */
export function registryName(arg: string): string {
  const stripped = arg.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = stripped.split('/')[0];
  const r = registryOfImage(`${host}/x`).registry;
  return r === 'index.docker.io' ? 'docker.io' : r;
}

/** The registries a config names: its auths keys and credHelpers keys, as registry names, once each. */
export function registriesOf(text: string): string[] {
  const { model } = analyze(text);
  const names = [...model.auths.keys(), ...model.credHelpers.keys()].map(registryName).filter((n) => n !== '');
  return [...new Set(names)];
}

function fromEntry(text: string, r: Resolution): LoginCredentials | undefined {
  if (r.source !== 'auths' || r.entry === null) return undefined;
  const { model } = analyze(text);
  const { entry } = plaintextLookup(model, r.key);
  if (!entry) return undefined;
  let username = fieldValue(entry, 'username');
  let password = fieldValue(entry, 'password');
  const auth = fieldValue(entry, 'auth');
  if (auth) {
    const d = decodeAuth(auth);
    if (d.ok) ({ username, password } = d);
  }
  const identityToken = fieldValue(entry, 'identitytoken');
  if (!password && !identityToken) return undefined;
  return { username, password, identityToken };
}

export async function credentialsFor(text: string, registry: string, client: HelperClient, options: ResolveOptions = {}): Promise<CredentialLookup> {
  const resolution = resolveImage(text, `${registry}/x`, options);
  if (resolution.source === 'credHelpers' || resolution.source === 'credsStore') {
    const got = await client.get(resolution.helper!, resolution.key);
    if (got.ok) {
      const { username, secret } = got.value;
      const credentials = username === '<token>' ? { username: '', password: '', identityToken: secret } : { username, password: secret, identityToken: '' };
      return { resolution: { ...resolution, helperAnswer: 'found' }, credentials };
    }
    if (got.error.kind === 'not-found') return { resolution: { ...resolution, helperAnswer: 'not-found' } };
    // docker pull falls back to the plaintext entry when the helper fails
    const plain = resolveImage(text, `${registry}/x`);
    const credentials = plain.source === 'auths' ? fromEntry(text, plain) : undefined;
    return { resolution: { ...resolution, helperAnswer: 'failed' }, credentials, helperError: got.error.message };
  }
  return { resolution, credentials: fromEntry(text, resolution) };
}

/** Each registry key of the file (auths and credHelpers) with its place, for a code lens on it. */
export function registryKeysAt(text: string): Array<{ registry: string; offset: number; length: number }> {
  const { model } = analyze(text);
  const props = [...[...model.auths.values()].map((e) => e.prop), ...[...model.credHelpers.values()].map((h) => h.prop)];
  return props.map((p) => ({ registry: registryName(p.key), offset: p.keyOffset, length: p.keyLength })).filter((k) => k.registry !== '');
}
