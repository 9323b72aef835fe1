/** Reads from platform-mgmt over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { Topics, type Actor, type PlatformMgmtQuery } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class PlatformMgmtClient {
  private readonly logger = new Logger(PlatformMgmtClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: PlatformMgmtQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'platform-mgmt',
      topic: Topics.platformMgmt.queries,
      key: 'id' in query ? query.id : query.query,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
