/** Reads of platform-mgmt's auditor grants over Kafka request/reply (problems mapped by askOwner). */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { type Actor, type AuditorGrantQuery, AuditorGrantTopics } from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class AuditorGrantsClient {
  private readonly logger = new Logger(AuditorGrantsClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: AuditorGrantQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'platform-mgmt',
      topic: AuditorGrantTopics.queries,
      key: query.query === 'auditor-access' ? query.auditorSubject : 'auditor-grants',
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }
}
