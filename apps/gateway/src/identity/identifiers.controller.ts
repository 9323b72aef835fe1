/**
 * /api/v1/identifiers: DIDs. Creating a platform-held did:key for the caller's organisation is
 * an operation (Idempotency-Key); resolving any did:key answers the W3C DID Resolution result
 * (`didDocument`, `didResolutionMetadata`, `didDocumentMetadata`), publicly.
 */
import { Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@strata/auth';
import {
  type Actor,
  type CreateDid,
  createDidSchema,
  didInputSchema,
  type DidResolutionResult,
  didResolutionResultSchema,
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

@ApiTags('identifiers')
@ApiBearerAuth('bearer')
@Controller('api/v1/identifiers')
export class IdentifiersController {
  constructor(
    private readonly operations: OperationsService,
    private readonly identity: IdentityClient,
  ) {}

  @Post()
  @Roles('institution-admin', 'operator')
  @ApiOperationId(
    'createDid',
    "Create a did:key whose key the platform holds for the caller's organisation",
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('CreateDid')
  @ApiJsonResponse(201, 'ManagedDid', 'Created')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 403, 409, 413, 415, 422)
  async create(
    @ValidBody(createDidSchema) body: CreateDid,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'create-did',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body,
      key: actor.organisationId ?? actor.subject,
    });
    return respondToSubmission(operation, res);
  }

  @Get(':did')
  @Public()
  @ApiOperationId('resolveDid', 'Resolve a DID (W3C DID Resolution result)')
  @ApiParam({ name: 'did', required: true, schema: { type: 'string', maxLength: 512 } })
  @ApiJsonResponse(200, 'DidResolutionResult', 'The DID document and its metadata')
  @ApiProblems(400)
  resolve(
    @Param('did', new ZodValidationPipe(didInputSchema, 'did')) did: string,
  ): Promise<DidResolutionResult> {
    return this.identity.query({ query: 'resolve-did', did }, undefined, didResolutionResultSchema);
  }
}
