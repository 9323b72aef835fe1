/**
 * /api/v1/networks/{id}/transaction-settings: the network's confirmations, fee cap, fee-bump
 * timeout and attempts. GET reads the settings in force (members of the network and global
 * readers); PUT (platform administrator) sets the network's own, omitted fields taking the
 * ledger-wide values again, and answers the settings now in force.
 */
import { Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type EffectiveTransactionSettings,
  effectiveTransactionSettingsSchema,
  type NetworkTransactionSettingsRequest,
  networkTransactionSettingsSchema,
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
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { LedgerTransactionsClient } from './ledger-transactions.client';

@ApiTags('transactions')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/transaction-settings')
@AuditorScope({ network: 'id' })
export class NetworkTransactionSettingsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly ledger: LedgerTransactionsClient,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperationId(
    'getNetworkTransactionSettings',
    'The confirmations, fee cap, fee-bump timeout and attempts in force on a network',
  )
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'EffectiveTransactionSettings', 'The settings in force')
  @ApiProblems(400, 404)
  get(
    @UuidParam('id') networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<EffectiveTransactionSettings> {
    return this.ledger.query(
      { query: 'get-transaction-settings', networkId },
      actor,
      effectiveTransactionSettingsSchema,
    );
  }

  @Put()
  @Roles('platform-admin')
  @ApiOperationId(
    'setNetworkTransactionSettings',
    "Set a network's confirmations, fee cap, fee-bump timeout and attempts",
  )
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('NetworkTransactionSettings')
  @ApiJsonResponse(200, 'EffectiveTransactionSettings', 'The settings now in force')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 404, 413, 415)
  async set(
    @UuidParam('id') networkId: string,
    @ValidBody(networkTransactionSettingsSchema) body: NetworkTransactionSettingsRequest,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'set-network-transaction-settings',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, settings: body },
      key: networkId,
    });
    const answer = respondToSubmission(operation, res);
    // A replacement of the network's settings, not a new resource.
    if (operation.outcome?.kind === 'resource') res.status(200);
    return answer;
  }
}
