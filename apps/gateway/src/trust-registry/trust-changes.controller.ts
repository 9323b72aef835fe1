/**
 * /api/v1/identifiers (listing) and /api/v1/trust-registry/changes: the on-chain DID registry's
 * identifiers with paging (EBSI's DID Registry list), and signed changes of the DID, issuers and
 * schemas registries. A change is prepared (what the acting DID's key signs, at the current
 * on-chain nonce), signed by the caller's key holder, then submitted: identity encodes the
 * contract call and the ledger sends it from the caller organisation's signing account (202 with
 * the ledger transaction; follow it under /networks/{id}/transactions). ADR 0010.
 */
import { Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Public, Roles } from '@strata/auth';
import {
  type Actor,
  encodedTrustChangeSchema,
  listedDidPageSchema,
  type PageRequest,
  pageRequestSchema,
  preparedTrustChangeSchema,
  type PrepareTrustChange,
  prepareTrustChangeSchema,
  type SubmitTrustChange,
  submitTrustChangeSchema,
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
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { ValidBody, ValidQuery } from '../validation/params';
import { TrustRegistryClient } from './trust-registry.client';

@ApiTags('trust-registry')
@ApiBearerAuth('bearer')
@Controller('api/v1')
export class TrustChangesController {
  constructor(
    private readonly registry: TrustRegistryClient,
    private readonly operations: OperationsService,
  ) {}

  @Get('identifiers')
  @Public()
  @ApiOperationId('listDids', 'List the DIDs of the on-chain DID registry')
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'ListedDidPage', 'A page of DIDs, in order of registration')
  @ApiProblems(400, 503)
  listDids(@ValidQuery(pageRequestSchema) params: PageRequest) {
    return this.registry.query({ query: 'list-dids', params }, undefined, listedDidPageSchema);
  }

  @Post('trust-registry/changes/prepare')
  @HttpCode(200)
  @AnyRole()
  @ApiOperationId(
    'prepareTrustChange',
    'Get the EIP-712 digest a registry change must be signed over',
  )
  @ApiJsonBody('PrepareTrustChange')
  @ApiJsonResponse(200, 'PreparedTrustChange', 'What to sign, at the current on-chain nonce')
  @ApiProblems(400, 413, 415, 503)
  prepare(
    @ValidBody(prepareTrustChangeSchema) body: PrepareTrustChange,
    @CurrentActor() actor: Actor,
  ) {
    return this.registry.query(
      { query: 'prepare-change', input: body },
      actor,
      preparedTrustChangeSchema,
    );
  }

  @Post('trust-registry/changes')
  @Roles('institution-admin', 'operator')
  @ApiOperationId(
    'submitTrustChange',
    'Submit a signed change of the DID, issuers or schemas registry',
  )
  @ApiIdempotencyKey()
  @ApiJsonBody('SubmitTrustChange')
  @ApiJsonResponse(202, 'LedgerTransaction', 'Accepted by the ledger; follow the transaction')
  @ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)
  async submit(
    @ValidBody(submitTrustChangeSchema) body: SubmitTrustChange,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const idempotencyKey = validateIdempotencyKey(rawKey);
    const call = await this.registry.query(
      { query: 'encode-change', input: body },
      actor,
      encodedTrustChangeSchema,
    );
    const operation = await this.operations.submit({
      kind: 'submit-transaction',
      actor,
      idempotencyKey,
      body: {
        networkId: call.networkId,
        transaction: { kind: 'call', from: body.from, to: call.to, abi: call.abi, data: call.data },
      },
    });
    const answer = respondToSubmission(operation, res);
    if (operation.outcome?.kind === 'resource') res.status(202);
    return answer;
  }
}
