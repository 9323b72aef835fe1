/** Every table identity owns besides the bus's outbox and inbox. */
import { ManagedDid } from './identifiers/managed-did.entity';

export const IDENTITY_ENTITIES = [ManagedDid];
