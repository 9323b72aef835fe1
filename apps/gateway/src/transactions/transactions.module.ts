/** Signing accounts and transactions of the ledger as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { LedgerTransactionsClient } from './ledger-transactions.client';
import { TransactionInterventionsController } from './transaction-interventions.controller';
import { NetworkTransactionSettingsController } from './network-transaction-settings.controller';
import { TransactionStreamController } from './transaction-stream.controller';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [OperationsModule],
  providers: [LedgerTransactionsClient],
  controllers: [
    TransactionStreamController,
    TransactionsController,
    TransactionInterventionsController,
    NetworkTransactionSettingsController,
  ],
})
export class TransactionsModule {}
