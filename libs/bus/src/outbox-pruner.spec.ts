import { OutboxPruner, type PruneStatements } from './outbox-pruner';

const silent = {
  warn: () => undefined,
  error: () => undefined,
  info: () => undefined,
  debug: () => undefined,
} as never;

describe('outbox pruning', () => {
  it('deletes in batches until a batch comes back short, with the cutoff one retention before now', async () => {
    const calls: { cutoff: Date; limit: number }[] = [];
    const answers = [100, 100, 37];
    const statements: PruneStatements = {
      deletePublishedBefore: async (cutoff, limit) => {
        calls.push({ cutoff, limit });
        return answers.shift() ?? 0;
      },
    };
    const now = new Date('2026-11-26T12:00:00Z');
    const pruner = new OutboxPruner(
      statements,
      silent,
      { retentionMs: 60_000, batchSize: 100 },
      () => now,
    );
    expect(await pruner.prune()).toBe(237);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.limit === 100)).toBe(true);
    expect(calls[0].cutoff.toISOString()).toBe('2026-11-26T11:59:00.000Z');
  });

  it('does one statement when nothing is old enough', async () => {
    let statements = 0;
    const pruner = new OutboxPruner(
      { deletePublishedBefore: async () => (statements++, 0) },
      silent,
    );
    expect(await pruner.prune()).toBe(0);
    expect(statements).toBe(1);
  });
});
