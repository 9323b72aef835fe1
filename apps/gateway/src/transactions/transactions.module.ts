/** Signing accounts and transactions of the ledger as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { LedgerTransactionsClient } from './ledger-transactions.client';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [OperationsModule],
  providers: [LedgerTransactionsClient],
  controllers: [TransactionsController],
})
export class TransactionsModule {}
