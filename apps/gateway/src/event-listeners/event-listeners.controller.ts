/**
 * /api/v1/networks/{id}/event-listeners: which contract events of a network the ledger syncs to
 * Kafka. Creating, pausing, resuming and deleting a listener are operations (Idempotency-Key);
 * a bad ABI, an unknown network or a start block after the chain head is a problem+json and
 * nothing is stored.
 */
import { Controller, Delete, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type CreateEventListener,
  createEventListenerSchema,
  type EventListener,
  eventListenerListSchema,
  eventListenerSchema,
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
import { LedgerEventListenersClient } from './ledger-event-listeners.client';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

const MANAGERS = ['platform-admin', 'institution-admin', 'operator'] as const;
type Change = 'pause' | 'resume' | 'delete';

@ApiTags('event-listeners')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/event-listeners')
@AuditorScope({ network: 'id' })
export class EventListenersController {
  constructor(
    private readonly operations: OperationsService,
    private readonly ledger: LedgerEventListenersClient,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperationId('createEventListener', 'Follow contract events of the network into Kafka')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('CreateEventListener')
  @ApiJsonResponse(201, 'EventListener', 'Created', { Location: 'URL of the listener' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 413, 415)
  async create(
    @UuidParam('id') networkId: string,
    @ValidBody(createEventListenerSchema) body: CreateEventListener,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'create-event-listener',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, listener: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId('listEventListeners', 'List the event listeners of a network')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'EventListenerList', 'The listeners (deleted ones are left out)')
  @ApiProblems(400, 404)
  list(
    @UuidParam('id') networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: EventListener[] }> {
    return this.ledger.query(
      { query: 'list-event-listeners', networkId },
      actor,
      eventListenerListSchema,
    );
  }

  @Get(':listenerId')
  @AnyRole()
  @ApiOperationId('getEventListener', 'Get an event listener and its checkpoint')
  @ApiUuidParam('id')
  @ApiUuidParam('listenerId')
  @ApiJsonResponse(200, 'EventListener', 'The listener')
  @ApiProblems(400, 404)
  get(
    @UuidParam('id') networkId: string,
    @UuidParam('listenerId') listenerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<EventListener> {
    return this.ledger.query(
      { query: 'get-event-listener', networkId, id: listenerId },
      actor,
      eventListenerSchema,
    );
  }

  @Post(':listenerId/pause')
  @Roles(...MANAGERS)
  @ApiOperationId('pauseEventListener', 'Pause an event listener (its checkpoint is kept)')
  @ApiUuidParam('id')
  @ApiUuidParam('listenerId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventListener', 'Paused', { Location: 'URL of the listener' })
  @ApiProblems(400, 403, 404, 409)
  pause(
    @UuidParam('id') networkId: string,
    @UuidParam('listenerId') listenerId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change('pause', { networkId, listenerId, rawKey, actor, res });
  }

  @Post(':listenerId/resume')
  @Roles(...MANAGERS)
  @ApiOperationId('resumeEventListener', 'Resume a paused event listener from its checkpoint')
  @ApiUuidParam('id')
  @ApiUuidParam('listenerId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventListener', 'Resumed', { Location: 'URL of the listener' })
  @ApiProblems(400, 403, 404, 409)
  resume(
    @UuidParam('id') networkId: string,
    @UuidParam('listenerId') listenerId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change('resume', { networkId, listenerId, rawKey, actor, res });
  }

  @Delete(':listenerId')
  @Roles(...MANAGERS)
  @ApiOperationId('deleteEventListener', 'Delete an event listener (it stops for good)')
  @ApiUuidParam('id')
  @ApiUuidParam('listenerId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventListener', 'Deleted', { Location: 'URL of the listener' })
  @ApiProblems(400, 403, 404, 409)
  remove(
    @UuidParam('id') networkId: string,
    @UuidParam('listenerId') listenerId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change('delete', { networkId, listenerId, rawKey, actor, res });
  }

  private async change(
    change: Change,
    request: {
      networkId: string;
      listenerId: string;
      rawKey: string | undefined;
      actor: Actor;
      res: Response;
    },
  ): Promise<unknown> {
    const { networkId, listenerId, actor, res } = request;
    const operation = await this.operations.submit({
      kind: 'change-event-listener',
      actor,
      idempotencyKey: validateIdempotencyKey(request.rawKey),
      body: { networkId, listenerId, change },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }
}
