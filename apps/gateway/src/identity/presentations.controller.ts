/** /api/v1/presentations/verify: a VP-JWT's holder signature and every credential it carries. */
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '@strata/auth';
import {
  type Actor,
  type PresentationVerification,
  presentationVerificationSchema,
  type VerifyPresentation,
  verifyPresentationSchema,
} from '@strata/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
} from '../openapi/api-decorators';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { IdentityClient } from './identity.client';

@ApiTags('credentials')
@ApiBearerAuth('bearer')
@Controller('api/v1/presentations')
export class PresentationsController {
  constructor(private readonly identity: IdentityClient) {}

  @Post('verify')
  @HttpCode(200)
  @AnyRole()
  @ApiOperationId('verifyPresentation', 'Verify a VP-JWT and the VC-JWTs it carries')
  @ApiJsonBody('VerifyPresentation')
  @ApiJsonResponse(200, 'PresentationVerification', 'The presentation and credential results')
  @ApiProblems(400, 413, 415)
  verify(
    @Body(new ZodValidationPipe(verifyPresentationSchema, 'body')) body: VerifyPresentation,
    @CurrentActor() actor: Actor,
  ): Promise<PresentationVerification> {
    return this.identity.query(
      { query: 'verify-presentation', presentation: body.presentation },
      actor,
      presentationVerificationSchema,
    );
  }
}
