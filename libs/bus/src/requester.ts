/**
 * Request/reply over Kafka: the way an app asks another app a question (query) or gives it a
 * command and waits for the outcome. Retry behaviour: none inside; a caller that times out may
 * send the same request again with the same `id` — owners dedupe commands on it (inbox) and
 * replay the stored reply, so repeating is always safe.
 */
import type { Actor, Reply } from '@strata/contracts';

export interface BusRequest {
  /** Partition key: the aggregate id (organisation id, network id...). */
  key: string;
  payload: unknown;
  actor?: Actor;
  /** Message id; pass the same id again to re-ask for the outcome of a command. Default: new uuid. */
  id?: string;
  correlationId?: string;
}

export class BusTimeoutError extends Error {
  constructor(
    readonly topic: string,
    readonly requestId: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply on ${topic} to ${requestId} within ${timeoutMs} ms`);
    this.name = 'BusTimeoutError';
  }
}

export abstract class Requester {
  /**
   * Publishes the request on `topic` (unprefixed name) with this app's reply topic and resolves
   * with the reply. Rejects with {@link BusTimeoutError} when no reply arrives in time.
   */
  abstract request<R>(topic: string, request: BusRequest, timeoutMs?: number): Promise<Reply<R>>;
}
