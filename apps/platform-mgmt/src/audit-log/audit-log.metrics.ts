/** Audit log figures on platform-mgmt's /metrics: appended entries, anchors by outcome. */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, type Registry } from 'prom-client';

@Injectable()
export class AuditLogMetrics {
  private readonly appended: Counter;
  private readonly anchors: Counter<'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.appended = new Counter({
      name: 'strata_audit_entries_appended_total',
      help: 'Events appended to the hash-chained audit log (redeliveries not counted)',
      registers: [registry],
    });
    this.anchors = new Counter({
      name: 'strata_audit_anchors_total',
      help: 'Merkle root anchors of the audit log by outcome (anchored, failed)',
      labelNames: ['status'],
      registers: [registry],
    });
  }

  entryAppended(): void {
    this.appended.inc();
  }

  anchorSettled(status: 'anchored' | 'failed'): void {
    this.anchors.inc({ status });
  }
}
