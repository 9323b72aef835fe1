/**
 * Reads of the ledger's event listeners over Kafka request/reply. A reply's problem
 * becomes the same problem+json; no reply in time is a 504, a bus failure a 503, a bad answer a 502.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import { type Actor, type EventListenerQuery, EventListenerTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class LedgerEventListenersClient {
  private readonly logger = new Logger(LedgerEventListenersClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async query<S extends z.ZodType>(
    query: EventListenerQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    let reply;
    try {
      reply = await this.requester.request(
        EventListenerTopics.queries,
        { key: query.networkId, payload: query, actor },
        this.config.STRATA_REPLY_TIMEOUT_MS,
      );
    } catch (error) {
      const timeout = error instanceof BusTimeoutError;
      throw new ProblemException(
        gatewayProblem(timeout ? 'upstream-timeout' : 'service-unavailable', {
          detail: timeout ? 'the ledger did not answer in time' : 'the ledger cannot be reached',
        }),
      );
    }
    if (!reply.ok) throw ProblemException.fromBus(reply.problem);
    const parsed = result.safeParse(reply.result);
    if (!parsed.success) {
      this.logger.error(`ledger answered ${query.query} with an unexpected shape`);
      throw new ProblemException(gatewayProblem('bad-upstream-reply'));
    }
    return parsed.data;
  }
}
