/** Organisation master accounts of the ledger as seen from the public API (ADR 0008). */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { LedgerMasterAccountsClient } from './ledger-master-accounts.client';
import { MasterAccountsController } from './master-accounts.controller';

@Module({
  imports: [OperationsModule],
  providers: [LedgerMasterAccountsClient],
  controllers: [MasterAccountsController],
})
export class MasterAccountsModule {}
