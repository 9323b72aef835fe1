/**
 * /api/v1/audit-log: the hash-chained audit log for auditors, regulators (auditor role) and
 * platform admins — entries with filters, an entry's inclusion proof against its on-chain anchor,
 * the anchors, an export the offline verifier checks (docs/audit-log.md) — and the anchoring
 * configuration (platform-admin). Every route is read-only except the configuration. A
 * grant-restricted auditor needs an active grant; platform-mgmt narrows entries, proofs and the
 * export to what the grants cover.
 */
import { Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@strata/auth';
import {
  anchoringSchema,
  auditAnchorPageSchema,
  auditEntryPageSchema,
  configureAnchoringSchema,
  exportAuditLogQuerySchema,
  inclusionProofSchema,
  listAuditEntriesQuerySchema,
  pageRequestSchema,
  type Actor,
  type AuditAnchor,
  type AuditAnchoring,
  type AuditEntry,
  type AuditExport,
  type ConfigureAnchoring,
  type ExportAuditLogQuery,
  type InclusionProof,
  type ListAuditEntriesQuery,
  type Page,
  type PageRequest,
} from '@strata/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ValidBody, ValidQuery } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { AuditLogClient } from './audit-log.client';

const READERS = ['auditor', 'platform-admin'] as const;
const sequenceSchema = z.coerce
  .number({ error: 'must be a positive integer' })
  .int({ error: 'must be a positive integer' })
  .min(1, { error: 'must be a positive integer' })
  .max(Number.MAX_SAFE_INTEGER);
const anchorsQuerySchema = pageRequestSchema.strict();

@ApiTags('audit-log')
@ApiBearerAuth('bearer')
@Controller('api/v1/audit-log')
@AuditorScope({ anyGrant: true })
export class AuditLogController {
  constructor(
    private readonly operations: OperationsService,
    private readonly auditLog: AuditLogClient,
  ) {}

  @Get('entries')
  @Roles(...READERS)
  @ApiOperationId('listAuditEntries', 'Audit log entries in chain order, filtered')
  @ApiZodQuery(listAuditEntriesQuerySchema)
  @ApiJsonResponse(200, 'AuditEntryPage', 'A page of entries')
  @ApiProblems(400)
  entries(
    @ValidQuery(listAuditEntriesQuerySchema) params: ListAuditEntriesQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<AuditEntry>> {
    return this.auditLog.query({ query: 'list-entries', params }, actor, auditEntryPageSchema);
  }

  @Get('entries/:sequence/proof')
  @Roles(...READERS)
  @ApiOperationId('getAuditEntryProof', "An entry's RFC 6962 inclusion proof against its anchor")
  @ApiParam({ name: 'sequence', required: true, schema: { type: 'integer', minimum: 1 } })
  @ApiJsonResponse(200, 'AuditInclusionProof', 'The entry, its anchor and audit path')
  @ApiProblems(400, 404)
  proof(
    @Param('sequence', new ZodValidationPipe(sequenceSchema, 'sequence')) sequence: number,
    @CurrentActor() actor: Actor,
  ): Promise<InclusionProof> {
    return this.auditLog.query({ query: 'get-proof', sequence }, actor, inclusionProofSchema);
  }

  @Get('anchors')
  @Roles(...READERS)
  @ApiOperationId('listAuditAnchors', 'Merkle roots of the audit log anchored on chain')
  @ApiZodQuery(anchorsQuerySchema)
  @ApiJsonResponse(200, 'AuditAnchorPage', 'A page of anchors')
  @ApiProblems(400)
  anchors(
    @ValidQuery(anchorsQuerySchema) params: PageRequest,
    @CurrentActor() actor: Actor,
  ): Promise<Page<AuditAnchor>> {
    return this.auditLog.query({ query: 'list-anchors', params }, actor, auditAnchorPageSchema);
  }

  @Get('export')
  @Roles(...READERS)
  @ApiOperationId(
    'exportAuditLog',
    'Entries and their anchors as one document for `npm run audit:verify` (at most 10,000 entries)',
  )
  @ApiZodQuery(exportAuditLogQuerySchema)
  @ApiJsonResponse(200, 'AuditExport', 'The export document')
  @ApiProblems(400)
  export(
    @ValidQuery(exportAuditLogQuerySchema) params: ExportAuditLogQuery,
    @CurrentActor() actor: Actor,
  ): Promise<AuditExport> {
    return this.auditLog.export(params, actor);
  }

  @Get('anchoring')
  @Roles(...READERS)
  @ApiOperationId('getAuditAnchoring', 'Where the audit log is anchored and its state')
  @ApiJsonResponse(200, 'AuditAnchoring', 'The active anchoring configuration')
  @ApiProblems(404)
  anchoring(@CurrentActor() actor: Actor): Promise<AuditAnchoring> {
    return this.auditLog.query({ query: 'get-anchoring' }, actor, anchoringSchema);
  }

  @Put('anchoring')
  @Roles('platform-admin')
  @ApiOperationId(
    'configureAuditAnchoring',
    'Anchor the audit log on a network, signed by an account of the given member organisation',
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('ConfigureAuditAnchoring')
  @ApiJsonResponse(201, 'AuditAnchoring', 'Configured; the contract is being deployed', {
    Location: 'URL of the configuration',
  })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 404, 413, 415, 422)
  async configure(
    @ValidBody(configureAnchoringSchema) body: ConfigureAnchoring,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'configure-audit-anchoring',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body,
      key: body.networkId,
    });
    return respondToSubmission(operation, res);
  }
}
