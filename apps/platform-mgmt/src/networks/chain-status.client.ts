/**
 * Asks the ledger for a network's live chain status over Kafka. A slow or absent ledger never
 * fails the network read: the status then says the chain could not be observed and why.
 */
import { Injectable } from '@nestjs/common';
import { type ChainStatus, chainStatusSchema, type LedgerQuery, Topics } from '@strata/contracts';
import { BusTimeoutError, Requester } from '@strata/bus';
import { Clock } from '@strata/runtime';

@Injectable()
export class ChainStatusClient {
  constructor(
    private readonly requester: Requester,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async statusOf(networkId: string): Promise<ChainStatus> {
    const query: LedgerQuery = { query: 'chain-status', networkId };
    try {
      const reply = await this.requester.request<unknown>(
        Topics.ledger.queries,
        { key: networkId, payload: query },
        this.timeoutMs,
      );
      if (!reply.ok) return this.unreachable(reply.problem.detail ?? reply.problem.title);
      const parsed = chainStatusSchema.safeParse(reply.result);
      return parsed.success
        ? parsed.data
        : this.unreachable('the ledger answered with an unexpected chain status');
    } catch (error) {
      if (error instanceof BusTimeoutError)
        return this.unreachable('the ledger did not answer in time');
      throw error;
    }
  }

  private unreachable(reason: string): ChainStatus {
    return { reachable: false, reason, observedAt: this.clock.now().toISOString() };
  }
}
