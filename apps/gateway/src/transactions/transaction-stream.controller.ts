/**
 * GET /api/v1/networks/{id}/transactions/stream: Server-Sent Events of the status changes of the
 * caller organisation's transactions on a network (global readers see every organisation's),
 * fed by the ledger's `transaction-<status>` events. Each event is `event: transaction-status`,
 * `id: <n>` and the transaction as GET returns it; reconnecting with `Last-Event-ID` replays
 * what this gateway instance still buffers (a `resync` event says when some were lost).
 */
import { type BeforeApplicationShutdown, Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '@strata/auth';
import {
  type Actor,
  hasGlobalReadScope,
  type LedgerTransaction,
  transactionPageSchema,
} from '@strata/contracts';
import type { Request, Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiOperationId, ApiProblems, ApiUuidParam } from '../openapi/api-decorators';
import { UuidParam } from '../validation/params';
import { LedgerTransactionsClient } from './ledger-transactions.client';
import { TransactionEvents, type TransactionStatusEvent } from './transaction-events';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

const KEEPALIVE_MS = 15_000;

function sseFrame(event: TransactionStatusEvent): string {
  return `id: ${event.seq}\nevent: transaction-status\ndata: ${JSON.stringify(event.transaction)}\n\n`;
}

@ApiTags('transactions')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/transactions')
@AuditorScope({ network: 'id' })
export class TransactionStreamController implements BeforeApplicationShutdown {
  /** Open streams, ended at shutdown so the HTTP server can close. */
  private readonly open = new Set<Response>();

  constructor(
    private readonly ledger: LedgerTransactionsClient,
    private readonly events: TransactionEvents,
  ) {}

  beforeApplicationShutdown(): void {
    for (const res of this.open) res.end();
  }

  @Get('stream')
  @AnyRole()
  @ApiOperationId(
    'streamTransactions',
    "Stream the status changes of the caller's transactions (SSE)",
  )
  @ApiUuidParam('id')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description:
      'text/event-stream: `event: transaction-status`, `id`, `data` = LedgerTransaction (JSON)',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404)
  async stream(
    @UuidParam('id') networkId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // The ledger decides who may see the network (404 for non-members), as for the list.
    await this.ledger.query(
      { query: 'list-transactions', networkId, params: { limit: 1, offset: 0 } },
      actor,
      transactionPageSchema,
    );
    const visible = (tx: LedgerTransaction) =>
      tx.networkId === networkId &&
      (hasGlobalReadScope(actor) || tx.organisationId === actor.organisationId);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const send = (event: TransactionStatusEvent) => {
      if (visible(event.transaction)) res.write(sseFrame(event));
    };
    const resumeAfter = /^\d{1,15}$/.test(lastEventId ?? '') ? Number(lastEventId) : undefined;
    if (resumeAfter !== undefined) {
      const { events, complete } = this.events.since(resumeAfter);
      if (!complete) res.write('event: resync\ndata: {}\n\n');
      events.forEach(send);
    }
    const unsubscribe = this.events.subscribe(send);
    this.open.add(res);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      this.open.delete(res);
    });
  }
}
