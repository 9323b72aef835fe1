/**
 * /api/v1/networks/{id}/provisioning: provision a network as Besu QBFT (platform admins) and read
 * its plan; /bundle gives the caller's institution its own node keys plus the shared files.
 */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  provisioningBundleSchema,
  provisioningPlanSchema,
  provisionNetworkBodySchema,
  type Actor,
  type ProvisioningBundle,
  type ProvisioningPlan,
  type ProvisionNetworkBody,
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

@ApiTags('provisioning')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/provisioning')
@AuditorScope({ network: 'id' })
export class ProvisioningController {
  constructor(
    private readonly operations: OperationsService,
    private readonly consortium: ConsortiumClient,
  ) {}

  @Post()
  @Roles('platform-admin')
  @ApiOperationId('provisionNetwork', 'Provision a network as a Besu QBFT network')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('ProvisionNetwork')
  @ApiJsonResponse(201, 'ProvisioningPlan', 'Provisioned', { Location: 'URL of the plan' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async provision(
    @UuidParam('id') networkId: string,
    @ValidBody(provisionNetworkBodySchema) body: ProvisionNetworkBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'provision-network',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, plan: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId(
    'getProvisioningPlan',
    'Get the provisioning plan of a network (public data only)',
  )
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'ProvisioningPlan', 'The plan')
  @ApiProblems(400, 404)
  plan(
    @UuidParam('id') networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProvisioningPlan> {
    return this.consortium.query(
      { query: 'get-provisioning-plan', networkId },
      actor,
      provisioningPlanSchema,
    );
  }

  @Get('bundle')
  @Roles('platform-admin', 'institution-admin', 'operator')
  @ApiOperationId(
    'getProvisioningBundle',
    "Download the caller's institution bundle: its node keys and the shared files",
  )
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'ProvisioningBundle', 'The bundle')
  @ApiProblems(400, 403, 404)
  bundle(
    @UuidParam('id') networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProvisioningBundle> {
    return this.consortium.query(
      { query: 'get-provisioning-bundle', networkId },
      actor,
      provisioningBundleSchema,
    );
  }
}
