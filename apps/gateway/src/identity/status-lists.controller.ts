/**
 * Bitstring Status Lists: the public status list credentials verifiers fetch
 * (GET /api/v1/status-lists/{id}) and the issuer organisation's revoke/suspend/unsuspend of a
 * credential (POST /api/v1/credentials/status, an operation with Idempotency-Key).
 */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@strata/auth';
import {
  type Actor,
  type ChangeCredentialStatus,
  changeCredentialStatusSchema,
  type StatusListCredential,
  statusListCredentialSchema,
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
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody } from '../validation/params';
import { IdentityClient } from './identity.client';

@ApiTags('credentials')
@ApiBearerAuth('bearer')
@Controller('api/v1')
export class StatusListsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly identity: IdentityClient,
  ) {}

  @Post('credentials/status')
  @Roles('institution-admin', 'operator')
  @ApiOperationId(
    'changeCredentialStatus',
    'Revoke, suspend or unsuspend a credential the caller organisation issued',
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('ChangeCredentialStatus')
  @ApiJsonResponse(201, 'CredentialStatusRecord', 'Changed')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 403, 404, 409, 413, 415, 422)
  async change(
    @ValidBody(changeCredentialStatusSchema) body: ChangeCredentialStatus,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'change-credential-status',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body,
      key: body.credentialId,
    });
    return respondToSubmission(operation, res);
  }

  @Get('status-lists/:id')
  @Public()
  @ApiOperationId('getStatusList', 'Get a published Bitstring Status List credential (VC-JWT)')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'StatusListCredential', 'The status list credential')
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<StatusListCredential> {
    return this.identity.query(
      { query: 'get-status-list', id },
      undefined,
      statusListCredentialSchema,
    );
  }
}
