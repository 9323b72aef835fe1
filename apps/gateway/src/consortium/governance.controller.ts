/** /api/v1/networks/{id}/proposals: governance proposals, votes and their full history. */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  castVoteBodySchema,
  proposalListSchema,
  proposalSchema,
  submitProposalBodySchema,
  type Actor,
  type CastVoteBody,
  type Proposal,
  type SubmitProposalBody,
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
import { ConsortiumClient } from './consortium.client';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

@ApiTags('governance')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/proposals')
@AuditorScope({ network: 'id' })
export class GovernanceController {
  constructor(
    private readonly operations: OperationsService,
    private readonly consortium: ConsortiumClient,
  ) {}

  @Post()
  @Roles('institution-admin', 'platform-admin')
  @ApiOperationId(
    'submitProposal',
    'Propose a change to the network (validators, members, parameters)',
  )
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('SubmitProposal')
  @ApiJsonResponse(201, 'Proposal', 'Proposed', { Location: 'URL of the proposal' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422)
  async submit(
    @UuidParam('id') networkId: string,
    @ValidBody(submitProposalBodySchema) body: SubmitProposalBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'submit-proposal',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, proposal: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Post(':proposalId/votes')
  @Roles('institution-admin', 'platform-admin')
  @ApiOperationId('castVote', "Vote on a proposal for the caller's institution")
  @ApiUuidParam('id')
  @ApiUuidParam('proposalId')
  @ApiIdempotencyKey()
  @ApiJsonBody('CastVote')
  @ApiJsonResponse(201, 'Proposal', 'Vote recorded', { Location: 'URL of the proposal' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 409, 413, 415)
  async vote(
    @UuidParam('id') networkId: string,
    @UuidParam('proposalId') proposalId: string,
    @ValidBody(castVoteBodySchema) body: CastVoteBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'cast-vote',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, proposalId, approve: body.approve },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId('listProposals', 'The governance history of a network, newest first')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'ProposalList', 'The proposals')
  @ApiProblems(400, 404)
  list(@UuidParam('id') networkId: string, @CurrentActor() actor: Actor): Promise<Proposal[]> {
    return this.consortium.query({ query: 'list-proposals', networkId }, actor, proposalListSchema);
  }

  @Get(':proposalId')
  @AnyRole()
  @ApiOperationId('getProposal', 'A proposal with its votes and outcome')
  @ApiUuidParam('id')
  @ApiUuidParam('proposalId')
  @ApiJsonResponse(200, 'Proposal', 'The proposal')
  @ApiProblems(400, 404)
  get(
    @UuidParam('id') networkId: string,
    @UuidParam('proposalId') proposalId: string,
    @CurrentActor() actor: Actor,
  ): Promise<Proposal> {
    return this.consortium.query(
      { query: 'get-proposal', networkId, proposalId },
      actor,
      proposalSchema,
    );
  }
}
