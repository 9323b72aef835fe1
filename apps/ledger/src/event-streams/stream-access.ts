/**
 * Who may see and change a network's event streams: writers are platform admins or an
 * institution admin/operator of a member organisation; readers are the owning organisation or a
 * platform admin/auditor. Outsiders get a 404 (no existence leak), as for listeners, and so does
 * an organisation that is no longer a member of the network (its streams stay, paused).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Actor, SOCKET_REPLACED } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import { networkFor } from '../networks/network-access';
import { EventStream } from './event-stream.entity';

/** The organisation the caller acts for, or undefined for a platform admin acting globally. */
export function writerScope(actor: Actor | undefined): { organisationId: string | undefined } {
  if (actor?.roles.includes('platform-admin')) return { organisationId: actor.organisationId };
  const allowed = actor?.roles.some((r) => r === 'institution-admin' || r === 'operator');
  if (!allowed || !actor?.organisationId) {
    throw DomainProblem.forbidden('Only an institution administrator or operator may.');
  }
  return { organisationId: actor.organisationId };
}

export function readsGlobally(actor: Actor | undefined): boolean {
  return actor?.roles.some((r) => r === 'platform-admin' || r === 'auditor') ?? false;
}

export async function findStream(
  em: EntityManager,
  networkId: string,
  id: string,
  actor: Actor | undefined,
  write: boolean,
): Promise<EventStream> {
  const organisationId = write ? writerScope(actor).organisationId : actor?.organisationId;
  const global = write ? actor?.roles.includes('platform-admin') : readsGlobally(actor);
  const stream = await em.findOne(EventStream, { id, networkId, status: { $ne: 'deleted' } });
  const visible = stream && (global || stream.organisationId === organisationId);
  if (!stream || !visible) throw DomainProblem.notFound('Event stream', id);
  // An organisation removed from the network keeps its streams' rows, not their use.
  if (!global) await networkFor(em, networkId, organisationId, undefined);
  return stream;
}

export function invalidField(path: string, message: string): DomainProblem {
  return DomainProblem.invalidFields(`${path} ${message}.`, [{ path, message }]);
}

/**
 * Checks that a WebSocket connection may use `stream`: a websocket stream, and (when the
 * connection names itself) the one that claimed it last — an earlier connection, on any gateway
 * instance, is refused so that two clients never share acknowledgements.
 */
export function checkSocketOf(stream: EventStream, session: string | undefined): void {
  if (stream.type !== 'websocket') {
    throw DomainProblem.conflict('Only a WebSocket stream is read and acknowledged by a socket.');
  }
  if (session !== undefined && stream.socketSession !== session) {
    throw new DomainProblem({
      code: SOCKET_REPLACED,
      status: 409,
      title: 'Socket replaced',
      detail: 'A newer connection to this event stream replaced this one.',
    });
  }
}
