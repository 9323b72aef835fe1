/** Reads of platform-mgmt's node monitoring over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, type MonitoringQuery, MonitoringTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class MonitoringClient {
  private readonly logger = new Logger(MonitoringClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: MonitoringQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'platform-mgmt',
      topic: MonitoringTopics.queries,
      key: query.networkId,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
