/** /api/v1/networks: register (platform admins) and read networks, scoped to the caller's organisation. */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  listNetworksQuerySchema,
  registerNetworkSchema,
  type Actor,
  type ListNetworksQuery,
  type Network,
  type NetworkDetail,
  type Page,
  type RegisterNetwork,
} from '@strata/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { NetworksService } from './networks.service';

@ApiTags('networks')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Post()
  @Roles('platform-admin')
  @ApiOperationId('registerNetwork', 'Register a network')
  @ApiIdempotencyKey()
  @ApiJsonBody('RegisterNetwork')
  @ApiJsonResponse(201, 'Network', 'Registered', { Location: 'URL of the network' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 409, 413, 415, 422)
  register(
    @ValidBody(registerNetworkSchema) body: RegisterNetwork,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.networks.register(body, actor, idempotencyKey, res);
  }

  @Get()
  @AuditorScope({ anyGrant: true })
  @AnyRole()
  @ApiOperationId(
    'listNetworks',
    'List networks (institutions see the networks they are members of)',
  )
  @ApiZodQuery(listNetworksQuerySchema)
  @ApiJsonResponse(200, 'NetworkPage', 'A page of networks')
  @ApiProblems(400)
  list(
    @ValidQuery(listNetworksQuerySchema) query: ListNetworksQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<Network>> {
    return this.networks.list(query, actor);
  }

  @Get(':id')
  @AuditorScope({ network: 'id' })
  @AnyRole()
  @ApiOperationId('getNetwork', 'Get a network with the live status of its chain')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'NetworkDetail', 'The network')
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<NetworkDetail> {
    return this.networks.get(id, actor);
  }
}
