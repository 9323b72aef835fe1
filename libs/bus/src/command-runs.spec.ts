import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Envelope, Reply } from '@strata/contracts';
import { processRun, type RunEntry, type RunPorts } from './command-runs';
import type { CommandRunHandler } from './handlers';
import type { OutboxRelay } from './outbox-relay';
import { DomainProblem } from './problems';

const schema = z.object({ n: z.number() });
type Payload = z.infer<typeof schema>;

const envelope = (id: string, payload: unknown): Envelope => ({
  id,
  type: 'strata.test.do-something.v1',
  occurredAt: new Date(0).toISOString(),
  payload,
  replyTo: 'strata.test.replies.v1',
});

/** A run's plumbing with what it recorded: inbox rows, queued replies, directly sent replies. */
function harness(stored: { messageId: string; reply: Reply | null }[] = []) {
  const inbox: { id: string; outcome: string; reply: Reply }[] = [];
  const queued: { id: string; reply: Reply }[] = [];
  const sent: { id: string; reply: Reply }[] = [];
  const alone: string[] = [];
  let commits = 0;
  const em = { create: () => ({}) };
  const orm = {
    em: {
      fork: () => ({
        find: async () => stored,
        transactional: async <T>(work: (e: typeof em) => Promise<T>) => {
          const result = await work(em);
          commits++;
          return result;
        },
      }),
    },
  } as unknown as MikroORM;
  const ports: RunPorts = {
    orm,
    relay: { wake: () => undefined } as unknown as OutboxRelay,
    recordInbox: (_em, env, outcome, reply) => inbox.push({ id: env.id, outcome, reply }),
    queueReply: (_outbox, env, reply) => queued.push({ id: env.id, reply }),
    sendReply: async (env, reply) => {
      sent.push({ id: env.id, reply });
    },
    warn: () => undefined,
  };
  const entries = (...list: [string, unknown][]): RunEntry[] =>
    list.map(([id, payload]) => ({
      envelope: envelope(id, payload),
      alone: async () => {
        alone.push(id);
      },
    }));
  return { ports, entries, inbox, queued, sent, alone, commits: () => commits };
}

/** Doubles n; rejects odd n with a 409 of its own. */
const doubling: CommandRunHandler<Payload, number> = async (_em, commands) =>
  commands.map(({ payload }) =>
    payload.n % 2 === 0
      ? { ok: true, result: payload.n * 2 }
      : { ok: false, problem: DomainProblem.conflict(`odd ${payload.n}`) },
  );

describe('processRun', () => {
  it('settles every command of a run in one commit: results, own rejections and invalid payloads', async () => {
    const h = harness();
    const handled: number[] = [];
    const handler: CommandRunHandler<Payload, number> = async (em, commands) => {
      handled.push(...commands.map((c) => c.payload.n));
      return doubling(em, commands);
    };
    await processRun(
      h.ports,
      'app:topic',
      'k',
      h.entries(['a', { n: 2 }], ['b', { n: 3 }], ['c', { n: 'x' }], ['d', { n: 4 }]),
      schema,
      handler,
    );
    expect(h.commits()).toBe(1);
    expect(handled).toEqual([2, 3, 4]);
    expect(h.inbox.map((row) => [row.id, row.outcome])).toEqual([
      ['c', 'rejected'],
      ['a', 'processed'],
      ['b', 'rejected'],
      ['d', 'processed'],
    ]);
    const replies = new Map(h.queued.map((q) => [q.id, q.reply]));
    expect(replies.get('a')).toEqual({ ok: true, result: 4 });
    expect(replies.get('b')).toMatchObject({ ok: false, problem: { status: 409 } });
    expect(replies.get('c')).toMatchObject({ ok: false, problem: { status: 400 } });
    expect(replies.get('d')).toEqual({ ok: true, result: 8 });
    expect(h.sent).toEqual([]);
    expect(h.alone).toEqual([]);
  });

  it('answers a redelivered command with its stored reply and runs a repeat within the run once', async () => {
    const storedReply: Reply = { ok: true, result: 42 };
    const h = harness([{ messageId: 'seen', reply: storedReply }]);
    const handled: string[] = [];
    const handler: CommandRunHandler<Payload, number> = async (em, commands) => {
      handled.push(...commands.map((c) => c.envelope.id));
      return doubling(em, commands);
    };
    await processRun(
      h.ports,
      'app:topic',
      'k',
      h.entries(['seen', { n: 20 }], ['new', { n: 6 }], ['new', { n: 6 }]),
      schema,
      handler,
    );
    expect(handled).toEqual(['new']);
    expect(h.inbox.map((row) => row.id)).toEqual(['new']);
    expect(h.sent).toEqual([
      { id: 'seen', reply: storedReply },
      { id: 'new', reply: { ok: true, result: 12 } },
    ]);
  });

  it('processes the commands one at a time, in order, when the run fails unexpectedly', async () => {
    const h = harness();
    const failing: CommandRunHandler<Payload, number> = async () => {
      throw new Error('connection reset');
    };
    await processRun(
      h.ports,
      'app:topic',
      'k',
      h.entries(['a', { n: 2 }], ['b', { n: 4 }]),
      schema,
      failing,
    );
    expect(h.alone).toEqual(['a', 'b']);
    expect(h.sent).toEqual([]);
  });
});
