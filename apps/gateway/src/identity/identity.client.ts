/**
 * Reads of the identity service over Kafka request/reply. A reply's problem becomes the same
 * problem+json; no reply in time is a 504, a bus failure a 503, a bad answer a 502.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import { type Actor, type IdentityQuery, IdentityTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class IdentityClient {
  private readonly logger = new Logger(IdentityClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async query<S extends z.ZodType>(
    query: IdentityQuery,
    actor: Actor | undefined,
    result: S,
  ): Promise<z.output<S>> {
    let reply;
    try {
      reply = await this.requester.request(
        IdentityTopics.queries,
        { key: keyOf(query), payload: query, actor },
        this.config.STRATA_REPLY_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof BusTimeoutError) {
        throw new ProblemException(
          gatewayProblem('upstream-timeout', {
            detail: 'the identity service did not answer in time',
          }),
        );
      }
      throw new ProblemException(
        gatewayProblem('service-unavailable', { detail: 'the identity service cannot be reached' }),
      );
    }
    if (!reply.ok) throw ProblemException.fromBus(reply.problem);
    const parsed = result.safeParse(reply.result);
    if (!parsed.success) {
      this.logger.error(`identity answered ${query.query} with an unexpected shape`);
      throw new ProblemException(gatewayProblem('bad-upstream-reply'));
    }
    return parsed.data;
  }
}

function keyOf(query: IdentityQuery): string {
  switch (query.query) {
    case 'resolve-did':
      return query.did;
    case 'get-status-list':
      return query.id;
    case 'verify-credential':
    case 'verify-presentation':
      return 'verify';
  }
}
