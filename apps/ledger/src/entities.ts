/** Every table the ledger owns (besides the bus's outbox and inbox). */
import { SigningAccount } from './accounts/signing-account.entity';
import { EventListener, SyncedBlock } from './event-sync';
import { CustodyKey } from './keys/custody/custody-key.entity';
import { MasterAccountActionRecord } from './master-accounts/master-account-action.entity';
import { MasterAccount } from './master-accounts/master-account.entity';
import { KeyUsageRecord } from './keys/custody/key-usage.entity';
import { LedgerNetwork } from './networks/ledger-network.entity';
import { LedgerNetworkMember } from './networks/network-member.entity';
import { AccountNonce } from './nonces/account-nonce.entity';
import { LedgerTransaction } from './transactions/ledger-transaction.entity';

export const LEDGER_ENTITIES = [
  LedgerNetwork,
  LedgerNetworkMember,
  SigningAccount,
  AccountNonce,
  LedgerTransaction,
  CustodyKey,
  KeyUsageRecord,
  MasterAccount,
  MasterAccountActionRecord,
  EventListener,
  SyncedBlock,
];
