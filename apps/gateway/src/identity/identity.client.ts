/** Reads of the identity service over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, type IdentityQuery, IdentityTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class IdentityClient {
  private readonly logger = new Logger(IdentityClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: IdentityQuery,
    actor: Actor | undefined,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'the identity service',
      topic: IdentityTopics.queries,
      key: keyOf(query),
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
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
