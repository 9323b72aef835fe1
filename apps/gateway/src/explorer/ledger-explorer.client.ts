/** The explorer's reads from the ledger over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, type ExplorerQuery, ExplorerTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class LedgerExplorerClient {
  private readonly logger = new Logger(LedgerExplorerClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(query: ExplorerQuery, actor: Actor, result: S): Promise<z.output<S>> {
    const question = {
      owner: 'the ledger',
      topic: ExplorerTopics.queries,
      key: query.networkId,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
