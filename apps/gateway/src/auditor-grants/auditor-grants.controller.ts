/** /api/v1/auditor-grants: platform administrators grant and revoke auditors' time-boxed read access. */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@strata/auth';
import {
  auditorAccessSchema,
  auditorGrantPageSchema,
  auditorGrantSchema,
  grantAuditorAccessBodySchema,
  listAuditorGrantsQuerySchema,
  type Actor,
  type AuditorAccess,
  type AuditorGrant,
  type GrantAuditorAccessBody,
  type ListAuditorGrantsQuery,
  type Page,
} from '@strata/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { AuditorGrantsClient } from './auditor-grants.client';

@ApiTags('auditor-grants')
@ApiBearerAuth('bearer')
@Controller('api/v1/auditor-grants')
export class AuditorGrantsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly grants: AuditorGrantsClient,
  ) {}

  @Post()
  @Roles('platform-admin')
  @ApiOperationId(
    'grantAuditorAccess',
    'Grant an auditor read access to organisations and networks until an expiry',
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('GrantAuditorAccess')
  @ApiJsonResponse(201, 'AuditorGrant', 'Granted', { Location: 'URL of the grant' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 413, 415, 422)
  async grant(
    @ValidBody(grantAuditorAccessBodySchema) body: GrantAuditorAccessBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'grant-auditor-access',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { grant: body },
      key: body.auditorSubject,
    });
    return respondToSubmission(operation, res);
  }

  @Post(':grantId/revoke')
  @Roles('platform-admin')
  @ApiOperationId('revokeAuditorGrant', 'Revoke an auditor grant before its expiry')
  @ApiUuidParam('grantId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'AuditorGrant', 'Revoked', { Location: 'URL of the grant' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 409)
  async revoke(
    @UuidParam('grantId') grantId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'revoke-auditor-grant',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { grantId },
      key: grantId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @Roles('platform-admin', 'auditor')
  @ApiOperationId('listAuditorGrants', 'List auditor grants (auditors see their own), newest first')
  @ApiZodQuery(listAuditorGrantsQuerySchema)
  @ApiJsonResponse(200, 'AuditorGrantPage', 'A page of grants')
  @ApiProblems(400, 403)
  list(
    @ValidQuery(listAuditorGrantsQuerySchema) params: ListAuditorGrantsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<AuditorGrant>> {
    return this.grants.query(
      { query: 'list-auditor-grants', params },
      actor,
      auditorGrantPageSchema,
    );
  }

  @Get('access')
  @Roles('auditor')
  @ApiOperationId(
    'getAuditorAccess',
    'What the calling auditor may read right now (their active grants)',
  )
  @ApiJsonResponse(200, 'AuditorAccess', 'The active access')
  @ApiProblems(403)
  access(@CurrentActor() actor: Actor): Promise<AuditorAccess> {
    return this.grants.query(
      { query: 'auditor-access', auditorSubject: actor.subject },
      actor,
      auditorAccessSchema,
    );
  }

  @Get(':grantId')
  @Roles('platform-admin', 'auditor')
  @ApiOperationId('getAuditorGrant', 'Get an auditor grant')
  @ApiUuidParam('grantId')
  @ApiJsonResponse(200, 'AuditorGrant', 'The grant')
  @ApiProblems(400, 403, 404)
  get(@UuidParam('grantId') grantId: string, @CurrentActor() actor: Actor): Promise<AuditorGrant> {
    return this.grants.query({ query: 'get-auditor-grant', grantId }, actor, auditorGrantSchema);
  }
}
