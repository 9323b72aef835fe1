/** Event listeners of the ledger's event sync as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { EventListenersController } from './event-listeners.controller';
import { LedgerEventListenersClient } from './ledger-event-listeners.client';

@Module({
  imports: [OperationsModule],
  providers: [LedgerEventListenersClient],
  controllers: [EventListenersController],
})
export class EventListenersModule {}
