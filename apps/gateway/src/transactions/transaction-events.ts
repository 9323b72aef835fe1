/**
 * The port the status stream reads from: every `strata.ledger.transaction-<status>.v1` event the
 * gateway instance receives, numbered in the order it hands them out, with a bounded replay
 * buffer for `Last-Event-ID`. `main.ts` wires the Kafka adapter; tests and the OpenAPI script use
 * the silent one.
 */
import { randomBytes } from 'node:crypto';
import { type LedgerTransaction } from '@strata/contracts';

export interface TransactionStatusEvent {
  /** Position in this instance's stream (the SSE `id`). */
  seq: number;
  transaction: LedgerTransaction;
}

export type TransactionStatusListener = (event: TransactionStatusEvent) => void;

export abstract class TransactionEvents {
  /** This instance's name in stream cursors (stream-cursor.ts): new at each start. */
  readonly instance = randomBytes(4).toString('hex');
  /** The `seq` of the latest event handed out (0 before the first). */
  abstract position(): number;
  /** Calls `listener` with each new event; returns the unsubscribe function. */
  abstract subscribe(listener: TransactionStatusListener): () => void;
  /** Buffered events after `seq` (oldest first); `complete` is false when some fell out. */
  abstract since(seq: number): { events: TransactionStatusEvent[]; complete: boolean };
  abstract close(): Promise<void>;
}

/** No bus: nothing ever arrives (offline OpenAPI build, unit tests). */
export class SilentTransactionEvents extends TransactionEvents {
  position(): number {
    return 0;
  }

  subscribe(): () => void {
    return () => undefined;
  }

  since(): { events: TransactionStatusEvent[]; complete: boolean } {
    return { events: [], complete: true };
  }

  async close(): Promise<void> {}
}
