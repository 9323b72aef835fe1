/**
 * The transaction manager's side of the bus: account and transaction commands, and reads
 * (accounts, transactions, a network's transaction settings).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  createSigningAccountCommandSchema,
  LedgerTransactionTopics,
  submitTransactionCommandSchema,
  type TransactionQuery,
  transactionQuerySchema,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { SigningAccountsService } from '../accounts/signing-accounts.service';
import { NetworkSettings } from '../networks/transaction-settings/network-settings';
import { TransactionAcceptance } from './transaction-acceptance';
import { TransactionsService } from './transactions.service';

@Injectable()
export class TransactionHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly accounts: SigningAccountsService,
    private readonly transactions: TransactionsService,
    private readonly acceptance: TransactionAcceptance,
    private readonly settings: NetworkSettings,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      LedgerTransactionTopics.createSigningAccount,
      createSigningAccountCommandSchema,
      ({ em, outbox, payload, actor }) => this.accounts.create(em, outbox, payload, actor),
    );
    // A run of one account's queued submissions is accepted in one transaction.
    this.consumers.onCommandRun(
      LedgerTransactionTopics.submitTransaction,
      submitTransactionCommandSchema,
      (em, commands) => this.acceptance.acceptRun(em, commands),
    );
    this.consumers.onQuery<TransactionQuery, unknown>(
      LedgerTransactionTopics.queries,
      transactionQuerySchema,
      async ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'list-signing-accounts':
            return this.accounts.list(em, payload.networkId, payload.params, actor);
          case 'get-transaction':
            return this.transactions.get(em, payload.networkId, payload.id, actor);
          case 'list-transactions':
            return this.transactions.list(em, payload.networkId, payload.params, actor);
          case 'get-transaction-settings':
            return this.settings.view(em, payload.networkId, actor);
        }
      },
    );
  }
}
