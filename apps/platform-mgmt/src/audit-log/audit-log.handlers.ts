/**
 * The audit log's side of the bus: the anchoring configuration command and the auditors' reads,
 * narrowed to a restricted auditor's grants (no active grant: 403).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BusConsumers, DomainProblem } from '@strata/bus';
import {
  type AuditLogQuery,
  auditLogQuerySchema,
  AuditLogTopics,
  configureAnchoringSchema,
} from '@strata/contracts';
import { AuditorGrantsService } from '../auditor-grants/auditor-grants.service';
import { AuditLogService } from './audit-log.service';

@Injectable()
export class AuditLogHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly auditLog: AuditLogService,
    private readonly grants: AuditorGrantsService,
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
      async ({ em, payload, actor }) => {
        this.auditLog.assertReader(actor);
        const granted = await this.grants.restrictionOf(em, actor);
        if (granted?.grantIds.length === 0) {
          throw DomainProblem.forbidden('You have no active auditor grant.');
        }
        switch (payload.query) {
          case 'list-entries':
            return this.auditLog.listEntries(em, payload.params, granted);
          case 'get-proof':
            return this.auditLog.proof(em, payload.sequence, granted);
          case 'list-anchors':
            return this.auditLog.listAnchors(em, payload.params);
          case 'export':
            return this.auditLog.export(em, payload.params, granted);
          case 'get-anchoring':
            return this.auditLog.anchoring(em);
        }
      },
    );
  }
}
