/**
 * Reads of platform-mgmt's audit log over Kafka request/reply (problems mapped by askOwner). The
 * export is assembled here from pages of at most 100 entries, so no Kafka reply comes near the
 * broker's message size limit whatever the size of the document.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import {
  type Actor,
  type AuditAnchor,
  type AuditExport,
  auditExportSchema,
  type AuditLogQuery,
  AuditLogTopics,
  type ExportAuditLogQuery,
} from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

/** Most entries in one exported document; ask again from the next sequence for more. */
export const EXPORT_DOCUMENT_LIMIT = 10_000;

@Injectable()
export class AuditLogClient {
  private readonly logger = new Logger(AuditLogClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(query: AuditLogQuery, actor: Actor, result: S): Promise<z.output<S>> {
    const question = {
      owner: 'platform-mgmt',
      topic: AuditLogTopics.queries,
      key: 'audit-log',
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }

  async export(params: ExportAuditLogQuery, actor: Actor): Promise<AuditExport> {
    const last = params.toSequence ?? params.fromSequence + EXPORT_DOCUMENT_LIMIT - 1;
    const document: AuditExport = {
      format: 'strata-audit-log/v1',
      exportedAt: new Date().toISOString(),
      entries: [],
      anchors: [],
    };
    const anchors = new Map<string, AuditAnchor>();
    for (let from = params.fromSequence; from <= last;) {
      const page = await this.query(
        { query: 'export', params: { fromSequence: from, toSequence: last } },
        actor,
        auditExportSchema,
      );
      if (page.entries.length === 0) break;
      document.exportedAt = page.exportedAt;
      document.entries.push(...page.entries);
      page.anchors.forEach((anchor) => anchors.set(anchor.id, anchor));
      from = (page.entries.at(-1)?.sequence ?? last) + 1;
    }
    document.anchors = [...anchors.values()].sort((a, b) => a.firstSequence - b.firstSequence);
    return document;
  }
}
