/**
 * Master accounts on the bus: the deploy and submit-action commands, the ledger's own
 * `transaction-confirmed` / `-failed` / `-cancelled` events that settle them, and reads.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  deployMasterAccountCommandSchema,
  LedgerTransactionTopics,
  type MasterAccountQuery,
  masterAccountQuerySchema,
  MasterAccountTopics,
  submitMasterAccountActionCommandSchema,
  transactionSchema,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { MasterAccountsService } from './master-accounts.service';

@Injectable()
export class MasterAccountHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly masterAccounts: MasterAccountsService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      MasterAccountTopics.deployMasterAccount,
      deployMasterAccountCommandSchema,
      ({ em, outbox, payload, actor }) => this.masterAccounts.deploy(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      MasterAccountTopics.submitMasterAccountAction,
      submitMasterAccountActionCommandSchema,
      ({ em, outbox, payload, actor }) =>
        this.masterAccounts.submitAction(em, outbox, payload, actor),
    );
    for (const status of ['confirmed', 'failed', 'cancelled'] as const) {
      this.consumers.onEvent(
        LedgerTransactionTopics.transitioned(status),
        transactionSchema,
        ({ em, outbox, payload }) => this.masterAccounts.settle(em, outbox, payload),
        // Master accounts only deploy and call: plain transfers never settle anything.
        { relevant: (tx) => tx.kind !== 'transfer' },
      );
    }
    this.consumers.onQuery<MasterAccountQuery, unknown>(
      MasterAccountTopics.queries,
      masterAccountQuerySchema,
      ({ em, payload, actor }) =>
        payload.query === 'get-master-account'
          ? this.masterAccounts.get(em, payload.networkId, actor)
          : this.masterAccounts.getAction(em, payload.networkId, payload.id, actor),
    );
  }
}
