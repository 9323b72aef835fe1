/**
 * An operation: one POST turned into a command. Its id is the command's message id, so asking
 * the owner again with the same id is safe (the owner dedupes and replays its reply).
 */
import type { Actor, BusProblem } from '@strata/contracts';

export type OperationStatus = 'pending' | 'succeeded' | 'failed';

/** What is sent on the bus; kept so a pending operation can be re-asked verbatim. */
export interface OperationCommand {
  topic: string;
  key: string;
  payload: unknown;
  actor: Actor;
}

/** The HTTP outcome replayed for a repeated request. */
export type OperationOutcome =
  | { kind: 'resource'; status: number; body: unknown; location?: string }
  | { kind: 'problem'; problem: BusProblem };

export interface Operation {
  id: string;
  kind: string;
  subject: string;
  idempotencyKey: string | null;
  requestHash: string;
  command: OperationCommand;
  status: OperationStatus;
  outcome: OperationOutcome | null;
  createdAt: Date;
  updatedAt: Date;
}
