/** What handlers registered on the bus receive. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, Envelope } from '@strata/contracts';
import type { OutboxWriter } from './outbox';
import type { DomainProblem } from './problems';

export interface MessageContext<P> {
  envelope: Envelope;
  payload: P;
  actor: Actor | undefined;
  /** Kafka key of the message (the aggregate id). */
  key: string;
}

/** Commands and events run inside one transaction with the inbox row and the outbox rows. */
export interface TransactionalContext<P> extends MessageContext<P> {
  em: EntityManager;
  outbox: OutboxWriter;
}

/** Queries read only; they get a fresh EntityManager and no outbox. */
export interface QueryContext<P> extends MessageContext<P> {
  em: EntityManager;
}

export type CommandHandler<P, R> = (context: TransactionalContext<P>) => Promise<R>;
export type EventHandler<P> = (context: TransactionalContext<P>) => Promise<void>;
export type QueryHandler<P, R> = (context: QueryContext<P>) => Promise<R>;

/** One command of a run: consecutive commands of one key, in partition order. */
export interface RunCommand<P> extends MessageContext<P> {
  /** Outbox of the run's transaction, with this command's actor and correlation. */
  outbox: OutboxWriter;
}

/** A command's outcome in a run: its result, or the problem that rejects it alone. */
export type RunOutcome<R> = { ok: true; result: R } | { ok: false; problem: DomainProblem };

/**
 * Handles a run of commands in ONE transaction and returns one outcome per command, in order.
 * A command it rejects must have left no write behind (check everything before writing); any
 * thrown error undoes the whole run, which is then processed one command at a time.
 */
export type CommandRunHandler<P, R> = (
  em: EntityManager,
  commands: RunCommand<P>[],
) => Promise<RunOutcome<R>[]>;

export interface EventOptions<P> {
  /**
   * Events this handler ignores by their payload alone are acknowledged without a database
   * transaction or inbox row (nothing changes, so a redelivery is harmless too).
   */
  relevant?: (payload: P) => boolean;
}
