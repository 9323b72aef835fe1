/** Governance figures on platform-mgmt's /metrics: closed proposals by outcome, failed consensus RPCs. */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, type Registry } from 'prom-client';

@Injectable()
export class GovernanceMetrics {
  private readonly closed: Counter<'status'>;
  private readonly rpcFailures: Counter<'step'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.closed = new Counter({
      name: 'strata_governance_proposals_closed_total',
      help: 'Governance proposals closed, by final status (executed, rejected, expired)',
      labelNames: ['status'],
      registers: [registry],
    });
    this.rpcFailures = new Counter({
      name: 'strata_consensus_admin_failures_total',
      help: 'Failed Besu administration calls (validator votes, permissioning), retried next pass',
      labelNames: ['step'],
      registers: [registry],
    });
  }

  proposalClosed(status: 'executed' | 'rejected' | 'expired'): void {
    this.closed.inc({ status });
  }

  consensusFailure(step: 'validator-vote' | 'permissioning'): void {
    this.rpcFailures.inc({ step });
  }
}
