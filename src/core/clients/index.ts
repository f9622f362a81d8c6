/** The clients whose reading of a config the rules follow, by id. */
import { containersKeyOf } from '../clientKeys';
import { ConfigKind } from '../docker/kinds';
import { convertToHostname } from '../docker/registry';
import { CONTAINERS } from './containers';
import { DOCKER } from './docker';
import { DOCKERCFG } from './dockercfg';
import { KUBELET } from './kubelet';
import { ClientId, ClientReading } from './types';

export type { ClientId, ClientReading, ClientMessages, ClientWords } from './types';

export const CLIENTS: Readonly<Record<ClientId, ClientReading>> = { docker: DOCKER, containers: CONTAINERS, kubelet: KUBELET, dockercfg: DOCKERCFG };

/** The client of an id (docker when none is given). */
export function clientOf(id: ClientId = 'docker'): ClientReading {
  return CLIENTS[id];
}

/** The client that reads a JSON file of this kind. */
export function clientOfKind(kind: ConfigKind): ClientId {
  return kind === 'containers' || kind === 'dockercfg' ? kind : 'docker';
}

/** The registry (host[:port]) the client reduces an auths key to when no key matched exactly (see ClientReading.keyHost). */
export function keyHostOf(client: ClientReading, key: string): string {
  return client.keyHost === 'docker' ? convertToHostname(key) : containersKeyOf(key, client.keyHost === 'containers-legacy');
}

/** The registry of the images whose lookups can reach an auths entry (a namespace key's host): what credHelpers is asked for them. */
export function entryRegistryOf(client: ClientReading, key: string): string {
  return client.keyHost === 'docker' ? convertToHostname(key) : containersKeyOf(key, true);
}
