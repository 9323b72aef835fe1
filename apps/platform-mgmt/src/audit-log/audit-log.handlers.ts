/** The audit log's side of the bus: the anchoring configuration command and the auditors' reads. */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BusConsumers } from '@strata/bus';
import {
  type AuditLogQuery,
  auditLogQuerySchema,
  AuditLogTopics,
  configureAnchoringSchema,
} from '@strata/contracts';
import { AuditLogService } from './audit-log.service';

@Injectable()
export class AuditLogHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly auditLog: AuditLogService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      AuditLogTopics.configureAnchoring,
      configureAnchoringSchema,
      ({ em, outbox, payload, actor }) => this.auditLog.configure(em, outbox, payload, actor),
    );
    this.consumers.onQuery<AuditLogQuery, unknown>(
      AuditLogTopics.queries,
      auditLogQuerySchema,
      ({ em, payload, actor }) => {
        this.auditLog.assertReader(actor);
        switch (payload.query) {
          case 'list-entries':
            return this.auditLog.listEntries(em, payload.params);
          case 'get-proof':
            return this.auditLog.proof(em, payload.sequence);
          case 'list-anchors':
            return this.auditLog.listAnchors(em, payload.params);
          case 'export':
            return this.auditLog.export(em, payload.params);
          case 'get-anchoring':
            return this.auditLog.anchoring(em);
        }
      },
    );
  }
}
