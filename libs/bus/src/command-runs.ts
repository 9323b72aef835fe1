/**
 * Runs of commands: consecutive commands of one key from one Kafka batch processed in ONE
 * database transaction (one inbox look-up, one commit, the handler free to share its reads and
 * writes across the run) instead of one transaction each. The guarantees stay those of a single
 * command: every command gets its inbox row and its reply in the same commit as its effects, a
 * redelivered command is answered with its stored reply, and the offsets advance only after the
 * commit. If the run's transaction fails for any reason other than a command's own problem, its
 * commands are processed again one at a time through the usual path (bounded retries, then the
 * dead-letter topic), so one poison command cannot hold up or lose the others.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Envelope, Reply } from '@strata/contracts';
import { InboxMessage } from './entities';
import type { CommandRunHandler, RunCommand } from './handlers';
import { OutboxWriter } from './outbox';
import type { OutboxRelay } from './outbox-relay';
import { DomainProblem } from './problems';
import type { TransactionalContext } from './handlers';

/** Most commands one run takes; a longer group is split into several runs. */
export const RUN_LIMIT = 100;

export interface RunEntry {
  envelope: Envelope;
  /** Processes this command alone through the usual path (retries, dead letters). */
  alone: () => Promise<void>;
}

/** What the consumers give a run: its inbox and reply plumbing. */
export interface RunPorts {
  orm: MikroORM;
  relay: OutboxRelay;
  recordInbox: (
    em: TransactionalContext<unknown>['em'],
    envelope: Envelope,
    outcome: 'processed' | 'rejected',
    reply: Reply,
  ) => void;
  queueReply: (outbox: OutboxWriter, envelope: Envelope, reply: Reply) => void;
  sendReply: (envelope: Envelope, reply: Reply) => Promise<void>;
  warn: (error: unknown, message: string) => void;
}

/** A run's handler adapted to one command, for the one-at-a-time path. */
export function singleCommand<P, R>(
  handler: CommandRunHandler<P, R>,
): (context: TransactionalContext<P>) => Promise<R> {
  return async (context) => {
    const [outcome] = await handler(context.em, [context]);
    if (!outcome.ok) throw outcome.problem;
    return outcome.result;
  };
}

export async function processRun<P, R>(
  ports: RunPorts,
  consumer: string,
  key: string,
  entries: RunEntry[],
  schema: z.ZodType<P>,
  handler: CommandRunHandler<P, R>,
): Promise<void> {
  let storedReplies: Map<string, Reply | null>;
  let fresh: RunEntry[];
  let replies: Map<string, Reply>;
  try {
    const ids = [...new Set(entries.map((entry) => entry.envelope.id))];
    const seen = await ports.orm.em
      .fork()
      .find(InboxMessage, { consumer, messageId: { $in: ids } });
    storedReplies = new Map(seen.map((row) => [row.messageId, row.reply as Reply | null]));
    // A command redelivered within the run (the gateway re-sends a pending one) runs once.
    fresh = entries.filter(
      (entry, i) =>
        !storedReplies.has(entry.envelope.id) &&
        entries.findIndex((other) => other.envelope.id === entry.envelope.id) === i,
    );
    const run = fresh;
    replies = await ports.orm.em
      .fork()
      .transactional((em) => runInTransaction(ports, em, key, run, schema, handler));
  } catch (error) {
    ports.warn(error, `a run of ${entries.length} commands failed; processing them one by one`);
    for (const entry of entries) await entry.alone();
    return;
  }
  ports.relay.wake();
  // Redeliveries get the reply their first delivery got (as the one-at-a-time path does).
  for (const entry of entries) {
    if (fresh.includes(entry)) continue;
    const reply = storedReplies.get(entry.envelope.id) ?? replies.get(entry.envelope.id);
    if (reply) await ports.sendReply(entry.envelope, reply);
  }
}

async function runInTransaction<P, R>(
  ports: RunPorts,
  em: TransactionalContext<unknown>['em'],
  key: string,
  entries: RunEntry[],
  schema: z.ZodType<P>,
  handler: CommandRunHandler<P, R>,
): Promise<Map<string, Reply>> {
  const replies = new Map<string, Reply>();
  const settle = (envelope: Envelope, outbox: OutboxWriter, reply: Reply) => {
    ports.recordInbox(em, envelope, reply.ok ? 'processed' : 'rejected', reply);
    ports.queueReply(outbox, envelope, reply);
    replies.set(envelope.id, reply);
  };
  const commands: RunCommand<P>[] = [];
  for (const { envelope } of entries) {
    const outbox = new OutboxWriter(em, {
      actor: envelope.actor,
      correlationId: envelope.correlationId ?? envelope.id,
      causationId: envelope.id,
    });
    const parsed = schema.safeParse(envelope.payload);
    if (!parsed.success) {
      const problem = DomainProblem.invalid(parsed.error).problem;
      settle(envelope, outbox, { ok: false, problem });
      continue;
    }
    commands.push({ envelope, payload: parsed.data, actor: envelope.actor, key, outbox });
  }
  if (commands.length === 0) return replies;
  const outcomes = await handler(em, commands);
  if (outcomes.length !== commands.length) {
    throw new Error(`a run of ${commands.length} commands got ${outcomes.length} outcomes`);
  }
  outcomes.forEach((outcome, i) => {
    const { envelope, outbox } = commands[i];
    const reply: Reply = outcome.ok
      ? { ok: true, result: outcome.result ?? null }
      : { ok: false, problem: outcome.problem.problem };
    settle(envelope, outbox, reply);
  });
  return replies;
}
