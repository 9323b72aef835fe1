/**
 * /api/v1/networks/{id}/master-account: the caller organisation's M-of-N master account on a
 * network (ADR 0008). Deploying it and submitting an action its owners signed become operations
 * (Idempotency-Key) answered 202 at once; both are then followed with GET.
 */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type DeployMasterAccount,
  deployMasterAccountSchema,
  type MasterAccount,
  type MasterAccountActionRecord,
  masterAccountActionRecordSchema,
  masterAccountSchema,
  type SubmitMasterAccountAction,
  submitMasterAccountActionSchema,
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
import type { Operation } from '../idempotency/operation';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody } from '../validation/params';
import { LedgerMasterAccountsClient } from './ledger-master-accounts.client';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

/** Accepted is not done: the deployment or action goes on in the background. */
function accepted(operation: Operation, res: Response): unknown {
  const answer = respondToSubmission(operation, res);
  if (operation.outcome?.kind === 'resource') res.status(202);
  return answer;
}

@ApiTags('master-accounts')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/master-account')
@AuditorScope({ network: 'id' })
export class MasterAccountsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly ledger: LedgerMasterAccountsClient,
  ) {}

  @Post()
  @Roles('institution-admin')
  @ApiOperationId('deployMasterAccount', "Deploy the caller organisation's M-of-N master account")
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('DeployMasterAccount')
  @ApiJsonResponse(202, 'MasterAccount', 'Accepted; follow it with GET', {
    Location: 'URL of the master account',
  })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async deploy(
    @UuidParam('id') networkId: string,
    @ValidBody(deployMasterAccountSchema) body: DeployMasterAccount,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'deploy-master-account',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, masterAccount: body },
      key: `${networkId}:${body.from.toLowerCase()}`,
    });
    return accepted(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId('getMasterAccount', "Get the caller organisation's master account")
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'MasterAccount', 'The master account')
  @ApiProblems(400, 404)
  get(@UuidParam('id') networkId: string, @CurrentActor() actor: Actor): Promise<MasterAccount> {
    return this.ledger.query(
      { query: 'get-master-account', networkId },
      actor,
      masterAccountSchema,
    );
  }

  @Post('actions')
  @Roles('institution-admin')
  @ApiOperationId(
    'submitMasterAccountAction',
    'Submit an action the owners signed (authorise, freeze, replace an account; change owners)',
  )
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('SubmitMasterAccountAction')
  @ApiJsonResponse(202, 'MasterAccountAction', 'Accepted; follow it with GET', {
    Location: 'URL of the action',
  })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async submitAction(
    @UuidParam('id') networkId: string,
    @ValidBody(submitMasterAccountActionSchema) body: SubmitMasterAccountAction,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'submit-master-account-action',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, submission: body },
      key: `${networkId}:${body.from.toLowerCase()}`,
    });
    return accepted(operation, res);
  }

  @Get('actions/:actionId')
  @AnyRole()
  @ApiOperationId('getMasterAccountAction', 'Get a master-account action and how it settled')
  @ApiUuidParam('id')
  @ApiUuidParam('actionId')
  @ApiJsonResponse(200, 'MasterAccountAction', 'The action')
  @ApiProblems(400, 404)
  getAction(
    @UuidParam('id') networkId: string,
    @UuidParam('actionId') actionId: string,
    @CurrentActor() actor: Actor,
  ): Promise<MasterAccountActionRecord> {
    return this.ledger.query(
      { query: 'get-master-account-action', networkId, id: actionId },
      actor,
      masterAccountActionRecordSchema,
    );
  }
}
