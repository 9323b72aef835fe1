/** /api/v1/networks/{id}/nodes: the network's nodes; institutions' nodes join and leave here. */
import { Controller, Delete, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  joinNodeBodySchema,
  nodeListSchema,
  type Actor,
  type JoinNodeBody,
  type NetworkNode,
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

@ApiTags('nodes')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/nodes')
@AuditorScope({ network: 'id' })
export class NodesController {
  constructor(
    private readonly operations: OperationsService,
    private readonly consortium: ConsortiumClient,
  ) {}

  @Post()
  @Roles('platform-admin', 'institution-admin')
  @ApiOperationId('joinNode', 'Register a node joining the network')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('JoinNode')
  @ApiJsonResponse(201, 'NetworkNode', 'Joined', { Location: 'URL of the node' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422)
  async join(
    @UuidParam('id') networkId: string,
    @ValidBody(joinNodeBodySchema) body: JoinNodeBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'join-node',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, node: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Delete(':nodeId')
  @Roles('platform-admin', 'institution-admin')
  @ApiOperationId('leaveNode', 'Remove a node from the network (it leaves; its history stays)')
  @ApiUuidParam('id')
  @ApiUuidParam('nodeId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'NetworkNode', 'Left', { Location: 'URL of the node' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404)
  async leave(
    @UuidParam('id') networkId: string,
    @UuidParam('nodeId') nodeId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'leave-node',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, nodeId },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId('listNodes', 'List the nodes of a network (active and departed)')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'NetworkNodeList', 'The nodes')
  @ApiProblems(400, 404)
  list(@UuidParam('id') networkId: string, @CurrentActor() actor: Actor): Promise<NetworkNode[]> {
    return this.consortium.query({ query: 'list-nodes', networkId }, actor, nodeListSchema);
  }
}
