/**
 * Reads from platform-mgmt over Kafka request/reply. A reply's problem becomes the same
 * problem+json; no reply in time is a 504, a bus failure a 503, a malformed answer a 502.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import { Topics, type Actor, type PlatformMgmtQuery } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class PlatformMgmtClient {
  private readonly logger = new Logger(PlatformMgmtClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async query<S extends z.ZodType>(
    query: PlatformMgmtQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const key = 'id' in query ? query.id : query.query;
    const reply = await this.ask(query, key, actor);
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

  private async ask(query: PlatformMgmtQuery, key: string, actor: Actor) {
    try {
      return await this.requester.request(
        Topics.platformMgmt.queries,
        { key, payload: query, actor },
        this.config.STRATA_REPLY_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof BusTimeoutError) {
        throw new ProblemException(
          gatewayProblem('upstream-timeout', { detail: 'platform-mgmt did not answer in time' }),
        );
      }
      this.logger.error(
        `platform-mgmt query failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new ProblemException(
        gatewayProblem('service-unavailable', { detail: 'platform-mgmt cannot be reached' }),
      );
    }
  }
}
