/**
 * GET /api/v1/networks/{id}/transactions/stream: Server-Sent Events of the status changes of the
 * caller organisation's transactions on a network (global readers see every organisation's),
 * fed by the ledger's `transaction-<status>` events. Each event is `event: transaction-status`,
 * an `id` (a cursor, stream-cursor.ts) and the transaction as GET returns it. Reconnecting with
 * `Last-Event-ID` replays what this instance still buffers, or else catches the client up from
 * the ledger (stream-catch-up.ts); `resync` says when neither could. `ready` marks the end of
 * that catch-up and gives a cursor before the first event.
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
import { changedSince } from './stream-catch-up';
import { formatStreamCursor, parseStreamCursor, type StreamCursor } from './stream-cursor';

const KEEPALIVE_MS = 15_000;

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
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id (any gateway instance can resume it)',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description:
      'text/event-stream: `event: transaction-status` with `data` = LedgerTransaction (JSON); ' +
      '`event: ready` once caught up (live from there); `event: resync` when what was missed ' +
      'since `Last-Event-ID` cannot be sent (re-read the list). `id` is the resume cursor.',
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

    const resumeFrom = parseStreamCursor(lastEventId);
    // Where another instance would resume this connection (epoch ms): when it opened, then the
    // latest change it delivered (the catch-up goes back a margin before it).
    let watermark = Date.now();
    let seq = this.events.position();
    const send = (transaction: LedgerTransaction, at: number) => {
      if (!visible(transaction)) return;
      seq = Math.max(seq, at);
      watermark = Math.max(watermark, Date.parse(transaction.updatedAt));
      const id = formatStreamCursor({ instance: this.events.instance, seq, watermark });
      res.write(`id: ${id}\nevent: transaction-status\ndata: ${JSON.stringify(transaction)}\n\n`);
    };
    // Live events wait here while the client is caught up, then flow straight through.
    let held: TransactionStatusEvent[] | undefined = [];
    const unsubscribe = this.events.subscribe((event) =>
      held ? held.push(event) : send(event.transaction, event.seq),
    );
    req.on('close', unsubscribe);

    if (lastEventId !== undefined) {
      const caughtUp =
        resumeFrom !== undefined &&
        (await this.resume(resumeFrom, networkId, actor, send).catch(() => false));
      if (!caughtUp) res.write('event: resync\ndata: {}\n\n');
    }
    const waiting = held;
    held = undefined;
    // Those the buffer replay already sent (seq at most the one reached) are skipped.
    for (const event of waiting) if (event.seq > seq) send(event.transaction, event.seq);
    // Tells the client it is live, and gives it a cursor even before its first event.
    const ready = formatStreamCursor({ instance: this.events.instance, seq, watermark });
    res.write(`id: ${ready}\nevent: ready\ndata: {}\n\n`);
    this.open.add(res);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      this.open.delete(res);
    });
  }

  /**
   * Sends what the client missed since `from`: from this instance's buffer when it wrote the
   * cursor and still holds what followed, else the ledger's changes since its watermark. False
   * when neither can say (too many changes): the client must re-read the list.
   */
  private async resume(
    from: StreamCursor,
    networkId: string,
    actor: Actor,
    send: (transaction: LedgerTransaction, seq: number) => void,
  ): Promise<boolean> {
    if (from.instance === this.events.instance) {
      const { events, complete } = this.events.since(from.seq);
      if (complete) {
        for (const event of events) send(event.transaction, event.seq);
        return true;
      }
    }
    const seq = this.events.position();
    const { transactions, complete } = await changedSince(
      (updatedAfter, limit) =>
        this.ledger.query(
          { query: 'list-transactions', networkId, params: { updatedAfter, limit, offset: 0 } },
          actor,
          transactionPageSchema,
        ),
      from.watermark,
    );
    for (const transaction of transactions) send(transaction, seq);
    return complete;
  }
}
