/**
 * The W3C VC API endpoints at the root (`POST /credentials/issue`, `/credentials/verify`,
 * `/presentations/verify`) so standard VC tooling can drive Strata's issuer and verifier. They
 * are aliases of /api/v1/credentials/* and /api/v1/presentations/verify with the VC API shapes:
 * issuing is the same operation (Idempotency-Key, same roles, same issuance policies) answering
 * an EnvelopedVerifiableCredential; verifying answers `verified`, `checks`, `warnings`, `errors`.
 */
import { Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  envelopeCredential,
  issueCommandOf,
  issueCredentialSchema,
  issuedCredentialSchema,
  jwtOfCredential,
  jwtOfPresentation,
  presentationVerificationSchema,
  type VcApiVerification,
  type VcApiIssueRequest,
  vcApiIssueRequestSchema,
  vcApiVerificationOf,
  type VcApiVerifyCredentialRequest,
  vcApiVerifyCredentialRequestSchema,
  type VcApiVerifyPresentationRequest,
  vcApiVerifyPresentationRequestSchema,
  verificationResultSchema,
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
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { IdentityClient } from './identity.client';

@ApiTags('vc-api')
@ApiBearerAuth('bearer')
@Controller()
export class VcApiController {
  constructor(
    private readonly operations: OperationsService,
    private readonly identity: IdentityClient,
  ) {}

  @Post('credentials/issue')
  @Roles('institution-admin', 'operator')
  @ApiOperationId('vcApiIssueCredential', 'W3C VC API: issue a credential (as an enveloped VC-JWT)')
  @ApiIdempotencyKey()
  @ApiJsonBody('VcApiIssueRequest')
  @ApiJsonResponse(201, 'VcApiIssueResponse', 'Issued')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 403, 409, 413, 415, 422)
  async issue(
    @ValidBody(vcApiIssueRequestSchema) request: VcApiIssueRequest,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    // The same rules as /api/v1/credentials/issue, errors named under body.credential.
    const body = new ZodValidationPipe(issueCredentialSchema, 'body.credential').transform(
      issueCommandOf(request),
    );
    const operation = await this.operations.submit({
      kind: 'issue-credential',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body,
      key: body.issuer,
    });
    const answer = respondToSubmission(operation, res);
    const issued = issuedCredentialSchema.safeParse(answer);
    return issued.success ? { verifiableCredential: envelopeCredential(issued.data.jwt) } : answer;
  }

  @Post('credentials/verify')
  @HttpCode(200)
  @AnyRole()
  @ApiOperationId('vcApiVerifyCredential', 'W3C VC API: verify a credential (VC-JWT)')
  @ApiJsonBody('VcApiVerifyCredentialRequest')
  @ApiJsonResponse(200, 'VcApiVerification', 'The passed checks and one error per failed check')
  @ApiProblems(400, 413, 415)
  async verifyCredential(
    @ValidBody(vcApiVerifyCredentialRequestSchema) body: VcApiVerifyCredentialRequest,
    @CurrentActor() actor: Actor,
  ): Promise<VcApiVerification> {
    const result = await this.identity.query(
      { query: 'verify-credential', credential: jwtOfCredential(body.verifiableCredential) },
      actor,
      verificationResultSchema,
    );
    return vcApiVerificationOf([result]);
  }

  @Post('presentations/verify')
  @HttpCode(200)
  @AnyRole()
  @ApiOperationId(
    'vcApiVerifyPresentation',
    'W3C VC API: verify a presentation (VP-JWT) and the credentials it carries',
  )
  @ApiJsonBody('VcApiVerifyPresentationRequest')
  @ApiJsonResponse(200, 'VcApiVerification', 'The passed checks and one error per failed check')
  @ApiProblems(400, 413, 415)
  async verifyPresentation(
    @ValidBody(vcApiVerifyPresentationRequestSchema) body: VcApiVerifyPresentationRequest,
    @CurrentActor() actor: Actor,
  ): Promise<VcApiVerification> {
    const result = await this.identity.query(
      {
        query: 'verify-presentation',
        presentation: jwtOfPresentation(body.verifiablePresentation),
      },
      actor,
      presentationVerificationSchema,
    );
    const verification = vcApiVerificationOf([result.presentation, ...result.credentials]);
    return { ...verification, verified: verification.verified && result.verified };
  }
}
