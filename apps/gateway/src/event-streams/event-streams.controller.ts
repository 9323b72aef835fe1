/**
 * /api/v1/networks/{id}/event-streams: contract events delivered outside Kafka, to a webhook
 * (signed POSTs, retries, dead letters) or a WebSocket (`.../{streamId}/socket`, acknowledged).
 * Writes are operations (Idempotency-Key); a bad URL, filter, unknown network or listener is a
 * problem+json and nothing is stored. The webhook secret appears only in the creation answer.
 */
import { Controller, Delete, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type ChangeEventStreamCommand,
  type CreateEventStream,
  createEventStreamSchema,
  type DeadLetter,
  deadLetterListSchema,
  type EventStream,
  eventStreamListSchema,
  eventStreamSchema,
  type Page,
  type PageRequest,
  pageRequestSchema,
  type RedriveDeadLetters,
  redriveDeadLettersSchema,
  type ReplayEventStream,
  replayEventStreamSchema,
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
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { LedgerEventStreamsClient } from './ledger-event-streams.client';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

const MANAGERS = ['platform-admin', 'institution-admin', 'operator'] as const;

interface ChangeRequest {
  rawKey: string | undefined;
  actor: Actor;
  res: Response;
}

@ApiTags('event-streams')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/event-streams')
@AuditorScope({ network: 'id' })
export class EventStreamsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly ledger: LedgerEventStreamsClient,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperationId('createEventStream', 'Deliver contract events to a webhook or a WebSocket')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('CreateEventStream')
  @ApiJsonResponse(201, 'CreatedEventStream', 'Created; a webhook secret is shown only here', {
    Location: 'URL of the stream',
  })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 413, 415)
  async create(
    @UuidParam('id') networkId: string,
    @ValidBody(createEventStreamSchema) body: CreateEventStream,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'create-event-stream',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, stream: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get()
  @AnyRole()
  @ApiOperationId('listEventStreams', 'List the event streams of a network')
  @ApiUuidParam('id')
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'EventStreamList', 'The streams (deleted ones are left out)')
  @ApiProblems(400, 404)
  list(
    @UuidParam('id') networkId: string,
    @ValidQuery(pageRequestSchema) page: PageRequest,
    @CurrentActor() actor: Actor,
  ): Promise<Page<EventStream>> {
    return this.ledger.query(
      { query: 'list-event-streams', networkId, ...page },
      actor,
      eventStreamListSchema,
    );
  }

  @Get(':streamId')
  @AnyRole()
  @ApiOperationId('getEventStream', 'Get an event stream and its delivery position')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiJsonResponse(200, 'EventStream', 'The stream')
  @ApiProblems(400, 404)
  get(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @CurrentActor() actor: Actor,
  ): Promise<EventStream> {
    return this.ledger.query(
      { query: 'get-event-stream', networkId, id: streamId },
      actor,
      eventStreamSchema,
    );
  }

  @Get(':streamId/dead-letters')
  @AnyRole()
  @ApiOperationId('listDeadLetters', 'Events a webhook stream gave up on after its retries')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'DeadLetterList', 'The dead letters, oldest first')
  @ApiProblems(400, 404)
  deadLetters(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @ValidQuery(pageRequestSchema) page: PageRequest,
    @CurrentActor() actor: Actor,
  ): Promise<Page<DeadLetter>> {
    return this.ledger.query(
      { query: 'list-dead-letters', networkId, id: streamId, ...page },
      actor,
      deadLetterListSchema,
    );
  }

  @Post(':streamId/dead-letters/redrive')
  @Roles(...MANAGERS)
  @ApiOperationId('redriveDeadLetters', 'Deliver dead letters again, before the next events')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiIdempotencyKey()
  @ApiJsonBody('RedriveDeadLetters')
  @ApiJsonResponse(201, 'EventStream', 'Queued for delivery', { Location: 'URL of the stream' })
  @ApiProblems(400, 403, 404, 409)
  redrive(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @ValidBody(redriveDeadLettersSchema) body: RedriveDeadLetters,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    // No `ids` key at all for "every dead letter": an `ids: undefined` reached the ledger as null.
    const command = {
      change: 'redrive',
      networkId,
      streamId,
      ...(body.ids ? { ids: body.ids } : {}),
    } as const;
    return this.change(command, { rawKey, actor, res });
  }

  @Post(':streamId/replay')
  @Roles(...MANAGERS)
  @ApiOperationId('replayEventStream', "Deliver the stream's events again from a block")
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiIdempotencyKey()
  @ApiJsonBody('ReplayEventStream')
  @ApiJsonResponse(201, 'EventStream', 'Replaying', { Location: 'URL of the stream' })
  @ApiProblems(400, 403, 404, 409)
  replay(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @ValidBody(replayEventStreamSchema) body: ReplayEventStream,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const command = { change: 'replay', networkId, streamId, fromBlock: body.fromBlock } as const;
    return this.change(command, { rawKey, actor, res });
  }

  @Post(':streamId/pause')
  @Roles(...MANAGERS)
  @ApiOperationId('pauseEventStream', 'Pause an event stream (its position is kept)')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventStream', 'Paused', { Location: 'URL of the stream' })
  @ApiProblems(400, 403, 404, 409)
  pause(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change({ change: 'pause', networkId, streamId }, { rawKey, actor, res });
  }

  @Post(':streamId/resume')
  @Roles(...MANAGERS)
  @ApiOperationId('resumeEventStream', 'Resume a paused event stream from its position')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventStream', 'Resumed', { Location: 'URL of the stream' })
  @ApiProblems(400, 403, 404, 409)
  resume(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change({ change: 'resume', networkId, streamId }, { rawKey, actor, res });
  }

  @Delete(':streamId')
  @Roles(...MANAGERS)
  @ApiOperationId('deleteEventStream', 'Delete an event stream (delivery stops for good)')
  @ApiUuidParam('id')
  @ApiUuidParam('streamId')
  @ApiIdempotencyKey()
  @ApiJsonResponse(201, 'EventStream', 'Deleted', { Location: 'URL of the stream' })
  @ApiProblems(400, 403, 404, 409)
  remove(
    @UuidParam('id') networkId: string,
    @UuidParam('streamId') streamId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.change({ change: 'delete', networkId, streamId }, { rawKey, actor, res });
  }

  private async change(
    command: ChangeEventStreamCommand,
    request: ChangeRequest,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'change-event-stream',
      actor: request.actor,
      idempotencyKey: validateIdempotencyKey(request.rawKey),
      body: command,
      key: command.networkId,
    });
    return respondToSubmission(operation, request.res);
  }
}
