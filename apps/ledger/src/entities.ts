/** Every table the ledger owns (besides the bus's outbox and inbox). */
import { LedgerNetwork } from './networks/ledger-network.entity';

export const LEDGER_ENTITIES = [LedgerNetwork];
