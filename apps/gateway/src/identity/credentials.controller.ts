/**
 * /api/v1/credentials: issuing a VC-JWT with one of the caller organisation's DIDs (an
 * operation, Idempotency-Key) and verifying one (a read: one result per check, with reasons).
 */
import { Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type IssueCredential,
  issueCredentialSchema,
  type VerificationResult,
  verificationResultSchema,
  type VerifyCredential,
  verifyCredentialSchema,
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
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { ValidBody } from '../validation/params';
import { IdentityClient } from './identity.client';

@ApiTags('credentials')
@ApiBearerAuth('bearer')
@Controller('api/v1/credentials')
export class CredentialsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly identity: IdentityClient,
  ) {}

  @Post('issue')
  @Roles('institution-admin', 'operator')
  @ApiOperationId(
    'issueCredential',
    "Issue a VC-JWT signed by one of the caller organisation's DIDs",
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('IssueCredential')
  @ApiJsonResponse(201, 'IssuedCredential', 'Issued')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 403, 409, 413, 415, 422)
  async issue(
    @ValidBody(issueCredentialSchema) body: IssueCredential,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'issue-credential',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body,
      key: body.issuer,
    });
    return respondToSubmission(operation, res);
  }

  @Post('verify')
  @HttpCode(200)
  @AnyRole()
  @ApiOperationId('verifyCredential', 'Verify a VC-JWT: signature, issuer, validity period, status')
  @ApiJsonBody('VerifyCredential')
  @ApiJsonResponse(200, 'VerificationResult', 'The result of every check')
  @ApiProblems(400, 413, 415)
  verify(
    @ValidBody(verifyCredentialSchema) body: VerifyCredential,
    @CurrentActor() actor: Actor,
  ): Promise<VerificationResult> {
    return this.identity.query(
      { query: 'verify-credential', credential: body.credential },
      actor,
      verificationResultSchema,
    );
  }
}
