/** Reads and change preparation of identity's trust registries over Kafka request/reply. */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, type TrustRegistryQuery, TrustRegistryTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class TrustRegistryClient {
  private readonly logger = new Logger(TrustRegistryClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: TrustRegistryQuery,
    actor: Actor | undefined,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'the identity service',
      topic: TrustRegistryTopics.queries,
      key: query.query,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
