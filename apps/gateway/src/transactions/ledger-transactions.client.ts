/** Reads of the ledger's transaction manager over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, LedgerTransactionTopics, type TransactionQuery } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class LedgerTransactionsClient {
  private readonly logger = new Logger(LedgerTransactionsClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: TransactionQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'the ledger',
      topic: LedgerTransactionTopics.queries,
      key: query.networkId,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
