/**
 * Reads from platform-mgmt's consortium side (provisioning, nodes, governance) over Kafka
 * request/reply. Same mapping as PlatformMgmtClient: a reply's problem becomes the same
 * problem+json; no reply in time is a 504, a bus failure a 503, a malformed answer a 502.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import { ConsortiumTopics, type Actor, type ConsortiumQuery } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class ConsortiumClient {
  private readonly logger = new Logger(ConsortiumClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async query<S extends z.ZodType>(
    query: ConsortiumQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const reply = await this.ask(query, actor);
    if (!reply.ok) throw ProblemException.fromBus(reply.problem);
    const parsed = result.safeParse(reply.result);
    if (!parsed.success) {
      this.logger.error(
        `platform-mgmt answered ${query.query} with an unexpected shape: ${parsed.error.message}`,
      );
      throw new ProblemException(gatewayProblem('bad-upstream-reply'));
    }
    return parsed.data;
  }

  private async ask(query: ConsortiumQuery, actor: Actor) {
    try {
      return await this.requester.request(
        ConsortiumTopics.queries,
        { key: query.networkId, payload: query, actor },
        this.config.STRATA_REPLY_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof BusTimeoutError) {
        throw new ProblemException(
          gatewayProblem('upstream-timeout', { detail: 'platform-mgmt did not answer in time' }),
        );
      }
      this.logger.error(
        `consortium query failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new ProblemException(
        gatewayProblem('service-unavailable', { detail: 'platform-mgmt cannot be reached' }),
      );
    }
  }
}
