/** Every table identity owns besides the bus's outbox and inbox. */
import { CustodyKey, KeyUsageRecord } from '@strata/key-custody';
import { ManagedDid } from './identifiers/managed-did.entity';
import { CredentialEntry, StatusList } from './status/status-list.entity';

export const IDENTITY_ENTITIES = [
  ManagedDid,
  StatusList,
  CredentialEntry,
  CustodyKey,
  KeyUsageRecord,
];
