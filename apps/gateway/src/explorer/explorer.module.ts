/** The chain explorer as seen from the public API (reads answered by the ledger). */
import { Module } from '@nestjs/common';
import { ExplorerController } from './explorer.controller';
import { LedgerExplorerClient } from './ledger-explorer.client';

@Module({ providers: [LedgerExplorerClient], controllers: [ExplorerController] })
export class ExplorerModule {}
