/** The clients whose reading of a config the rules follow, by id. */
import { ConfigKind } from '../docker/kinds';
import { CONTAINERS } from './containers';
import { DOCKER } from './docker';
import { KUBELET } from './kubelet';
import { ClientId, ClientReading } from './types';

export type { ClientId, ClientReading, ClientMessages, ClientWords } from './types';

export const CLIENTS: Readonly<Record<ClientId, ClientReading>> = { docker: DOCKER, containers: CONTAINERS, kubelet: KUBELET };

/** The client of an id (docker when none is given). */
export function clientOf(id: ClientId = 'docker'): ClientReading {
  return CLIENTS[id];
}

/** The client that reads a JSON file of this kind. */
export function clientOfKind(kind: ConfigKind): ClientId {
  return kind === 'containers' ? 'containers' : 'docker';
}
