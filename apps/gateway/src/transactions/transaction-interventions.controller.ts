/**
 * /api/v1/networks/{id}/transactions/{txId}/speed-up and /cancellation: replacing a pending or
 * stuck transaction at its nonce. A speed-up is one institution admin's decision; a
 * cancellation is requested by one institution admin and approved by a different one of the
 * same organisation (four eyes) before the ledger signs the 0-value replacement.
 */
import { Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@strata/auth';
import {
  type Actor,
  type ApproveTransactionCancel,
  approveTransactionCancelSchema,
  type RequestTransactionCancel,
  requestTransactionCancelSchema,
  type SpeedUpTransaction,
  speedUpTransactionSchema,
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
import type { OperationKindName } from '../operations/operation-kinds';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

@ApiTags('transactions')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/transactions/:txId')
@AuditorScope({ network: 'id' })
export class TransactionInterventionsController {
  constructor(private readonly operations: OperationsService) {}

  @Post('speed-up')
  @Roles('institution-admin')
  @ApiOperationId('speedUpTransaction', 'Re-send a pending or stuck transaction with a higher fee')
  @ApiUuidParam('id')
  @ApiUuidParam('txId')
  @ApiIdempotencyKey()
  @ApiJsonBody('SpeedUpTransaction')
  @ApiJsonResponse(202, 'LedgerTransaction', 'Re-signed at the same nonce; follow it with GET')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  speedUp(
    @UuidParam('id') networkId: string,
    @UuidParam('txId') transactionId: string,
    @ValidBody(speedUpTransactionSchema) body: SpeedUpTransaction,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.submit(
      'speed-up-transaction',
      { networkId, transactionId, body },
      rawKey,
      actor,
      res,
      202,
    );
  }

  @Post('cancellation')
  @Roles('institution-admin')
  @ApiOperationId(
    'requestTransactionCancel',
    'Ask to cancel a pending or stuck transaction (a second administrator must approve)',
  )
  @ApiUuidParam('id')
  @ApiUuidParam('txId')
  @ApiIdempotencyKey()
  @ApiJsonBody('RequestTransactionCancel')
  @ApiJsonResponse(201, 'TransactionCancellation', 'Requested; waiting for approval')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  requestCancel(
    @UuidParam('id') networkId: string,
    @UuidParam('txId') transactionId: string,
    @ValidBody(requestTransactionCancelSchema) body: RequestTransactionCancel,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.submit(
      'request-transaction-cancel',
      { networkId, transactionId, body },
      rawKey,
      actor,
      res,
    );
  }

  @Post('cancellation/approval')
  @Roles('institution-admin')
  @ApiOperationId(
    'approveTransactionCancel',
    'Approve a cancellation requested by another administrator of the organisation',
  )
  @ApiUuidParam('id')
  @ApiUuidParam('txId')
  @ApiIdempotencyKey()
  @ApiJsonBody('ApproveTransactionCancel')
  @ApiJsonResponse(202, 'TransactionCancellation', 'Approved; the replacement is being sent')
  @ApiProblems(400, 403, 404, 409, 413, 415)
  approveCancel(
    @UuidParam('id') networkId: string,
    @UuidParam('txId') transactionId: string,
    @ValidBody(approveTransactionCancelSchema) body: ApproveTransactionCancel,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.submit(
      'approve-transaction-cancel',
      { networkId, transactionId, body },
      rawKey,
      actor,
      res,
      202,
    );
  }

  private async submit(
    kind: OperationKindName,
    target: { networkId: string; transactionId: string; body: unknown },
    rawKey: string | undefined,
    actor: Actor,
    res: Response,
    doneStatus?: number,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind,
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: {
        networkId: target.networkId,
        transactionId: target.transactionId,
        request: target.body,
      },
      key: target.transactionId,
    });
    const answer = respondToSubmission(operation, res);
    // The replacement goes on in the background: accepted, not done.
    if (doneStatus && operation.outcome?.kind === 'resource') res.status(doneStatus);
    return answer;
  }
}
