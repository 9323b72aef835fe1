/** Event streams (webhooks and WebSocket streams of contract events) as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { EventStreamsController } from './event-streams.controller';
import { LedgerEventStreamsClient } from './ledger-event-streams.client';
import { StreamSocketServer } from './stream-socket.server';

@Module({
  imports: [OperationsModule],
  providers: [LedgerEventStreamsClient, StreamSocketServer],
  controllers: [EventStreamsController],
})
export class EventStreamsModule {}
