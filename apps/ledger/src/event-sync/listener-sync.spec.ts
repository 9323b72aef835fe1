import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxEntry, OutboxWriter } from '@strata/bus';
import type { ContractEvent } from '@strata/contracts';
import type { BlockHeader, ChainLog, ChainLogs, LogFilter } from './chain-logs';
import type { EventListener } from './event-listener.entity';
import { ListenerSync } from './listener-sync';
import type { SyncedBlock } from './synced-block.entity';

const hash = (fork: string, n: number): string => `0x${fork}${String(n).padStart(63, '0')}`;

/** A chain whose block hashes depend on the fork each block belongs to. */
class FakeChain implements ChainLogs {
  forkFrom = Infinity;
  constructor(public headNumber: number) {}
  head = async (): Promise<number> => this.headNumber;
  logs = async (_rpc: string, _filter: LogFilter): Promise<ChainLog[]> => [];
  header = async (_rpc: string, n: number): Promise<BlockHeader | null> => ({
    number: n,
    hash: hash(n >= this.forkFrom ? 'b' : 'a', n),
    parentHash: hash(n - 1 >= this.forkFrom ? 'b' : 'a', n - 1),
  });
}

function event(n: number, index: number): ContractEvent {
  return {
    id: `${hash('a', n)}:${index}`,
    listenerId: 'l',
    networkId: 'n',
    removed: false,
    address: `0x${'11'.repeat(20)}`,
    blockNumber: String(n),
    blockHash: hash('a', n),
    transactionHash: `0x${'22'.repeat(32)}`,
    logIndex: index,
    topics: [`0x${'33'.repeat(32)}`],
    data: '0x',
    event: null,
  };
}

function harness(stored: SyncedBlock[]) {
  const published: OutboxEntry[] = [];
  const removed: SyncedBlock[] = [];
  const em = {
    find: async () => [...stored].sort((a, b) => b.number - a.number),
    remove: (block: SyncedBlock) => removed.push(block),
  } as unknown as EntityManager;
  const outbox = { add: (entry: OutboxEntry) => published.push(entry) } as unknown as OutboxWriter;
  return { em, outbox, published, removed };
}

describe('a listener sync step', () => {
  const listener = { id: 'l', networkId: 'n', fromBlock: 1, nextBlock: 11 } as EventListener;

  it('publishes the events of abandoned blocks as removed, newest first, and resumes after the newest matching block', async () => {
    const chain = new FakeChain(10);
    const stored = [5, 8, 9, 10].map((n) => ({
      listenerId: 'l',
      number: n,
      hash: hash('a', n),
      events: n === 10 ? [] : [event(n, 0), event(n, 1)],
    }));
    const { em, outbox, published, removed } = harness(stored);
    chain.forkFrom = 8; // blocks 8-10 were replaced
    const target = { ...listener };
    const outcome = await new ListenerSync(chain).step(em, outbox, target, 'rpc');

    expect(outcome).toBe('reorged');
    expect(target.nextBlock).toBe(6);
    expect(removed.map((b) => b.number)).toEqual([10, 9, 8]);
    expect(published.map((e) => (e.payload as ContractEvent).id)).toEqual([
      event(9, 1).id,
      event(9, 0).id,
      event(8, 1).id,
      event(8, 0).id,
    ]);
    expect(published.every((e) => (e.payload as ContractEvent).removed)).toBe(true);
    expect(published[0].key).toBe(`0x${'11'.repeat(20)}:0x${'33'.repeat(32)}`);
  });

  it('changes nothing while the newest stored block is still on the chain and nothing is confirmed past the checkpoint', async () => {
    const chain = new FakeChain(10);
    const stored = [{ listenerId: 'l', number: 10, hash: hash('a', 10), events: [] }];
    const { em, outbox, published } = harness(stored);
    const target = { ...listener, confirmations: 1, rangeSize: 100 } as EventListener;
    expect(await new ListenerSync(chain).step(em, outbox, target, 'rpc')).toBe('idle');
    expect(target.nextBlock).toBe(11);
    expect(published).toEqual([]);
  });
});
