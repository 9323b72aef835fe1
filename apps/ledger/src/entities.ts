/** Every table the ledger owns (besides the bus's outbox and inbox). */
import { SigningAccount } from './accounts/signing-account.entity';
import { EventStream, StreamDeadLetter, StreamLogEvent } from './event-streams';
import { EventListener, SyncedBlock } from './event-sync';
import { CustodyKey } from '@strata/key-custody';
import { MasterAccountActionRecord } from './master-accounts/master-account-action.entity';
import { MasterAccount } from './master-accounts/master-account.entity';
import { KeyUsageRecord } from '@strata/key-custody';
import { LedgerNetwork } from './networks/ledger-network.entity';
import { LedgerNetworkMember } from './networks/network-member.entity';
import { LedgerNetworkMembership } from './networks/network-membership.entity';
import { AccountNonce } from './nonces/account-nonce.entity';
import { LedgerTransaction } from './transactions/ledger-transaction.entity';
import { TransactionCancellation } from './transactions/interventions/transaction-cancellation.entity';
import { NetworkTransactionSettings } from './networks/transaction-settings/network-transaction-settings.entity';

export const LEDGER_ENTITIES = [
  LedgerNetwork,
  LedgerNetworkMember,
  LedgerNetworkMembership,
  SigningAccount,
  AccountNonce,
  LedgerTransaction,
  TransactionCancellation,
  NetworkTransactionSettings,
  CustodyKey,
  KeyUsageRecord,
  MasterAccount,
  MasterAccountActionRecord,
  EventListener,
  SyncedBlock,
  StreamLogEvent,
  EventStream,
  StreamDeadLetter,
];
