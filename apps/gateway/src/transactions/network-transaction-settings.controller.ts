/**
 * PUT /api/v1/networks/{id}/transaction-settings: a platform administrator sets a network's own
 * confirmations, fee cap, fee-bump timeout and attempts; omitted fields take the ledger-wide
 * values again. Answers the settings now in force.
 */
import { Controller, Headers, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@strata/auth';
import {
  type Actor,
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

@ApiTags('transactions')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/transaction-settings')
@AuditorScope({ network: 'id' })
export class NetworkTransactionSettingsController {
  constructor(private readonly operations: OperationsService) {}

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
