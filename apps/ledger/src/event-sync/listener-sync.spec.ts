import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContractEvent } from '@strata/contracts';
import type { BlockHeader, ChainLog, ChainLogs, LogFilter } from './chain-logs';
import type { ContractEventPublisher } from './contract-event-publisher';
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
  const published: ContractEvent[] = [];
  const removed: SyncedBlock[] = [];
  const em = {
    find: async () => [...stored].sort((a, b) => b.number - a.number),
    findOne: async () => [...stored].sort((a, b) => b.number - a.number)[0] ?? null,
    remove: (block: SyncedBlock) => removed.push(block),
  } as unknown as EntityManager;
  const publisher: ContractEventPublisher = {
    publish: async (events) => {
      published.push(...events);
    },
  };
  return { em, publisher, published, removed };
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
    const { em, publisher, published, removed } = harness(stored);
    chain.forkFrom = 8; // blocks 8-10 were replaced
    const target = { ...listener };
    const outcome = await new ListenerSync(chain, publisher).step(em, target, 'rpc');

    expect(outcome).toBe('reorged');
    expect(target.nextBlock).toBe(6);
    expect(removed.map((b) => b.number)).toEqual([10, 9, 8]);
    expect(published.map((e) => e.id)).toEqual([
      event(9, 1).id,
      event(9, 0).id,
      event(8, 1).id,
      event(8, 0).id,
    ]);
    expect(published.every((e) => e.removed)).toBe(true);
  });

  it('changes nothing while the newest stored block is still on the chain and nothing is confirmed past the checkpoint', async () => {
    const chain = new FakeChain(10);
    const stored = [{ listenerId: 'l', number: 10, hash: hash('a', 10), events: [] }];
    const { em, publisher, published } = harness(stored);
    const target = { ...listener, confirmations: 1, rangeSize: 100 } as EventListener;
    expect(await new ListenerSync(chain, publisher).step(em, target, 'rpc')).toBe('idle');
    expect(target.nextBlock).toBe(11);
    expect(published).toEqual([]);
  });

  describe('reading a window', () => {
    const log = (n: number, index: number): ChainLog => ({
      address: `0x${'11'.repeat(20)}`,
      topics: [`0x${'33'.repeat(32)}`],
      data: '0x',
      blockNumber: n,
      blockHash: hash('a', n),
      transactionHash: `0x${'22'.repeat(32)}`,
      logIndex: index,
      removed: false,
    });
    const abi = [{ type: 'event', name: 'E', inputs: [], anonymous: false }];

    function windowHarness(publish: ContractEventPublisher['publish']) {
      const chain = new FakeChain(20);
      chain.logs = async () => [log(12, 1), log(11, 0), log(12, 0)];
      const inserted: unknown[] = [];
      const em = {
        findOne: async () => null,
        // insertRecentBlocks' one multi-row insert (synced-block.writes.ts)
        getKysely: () => ({
          withSchema: () => ({
            insertInto: () => ({
              values: (rows: unknown[]) => ({ execute: async () => inserted.push(...rows) }),
            }),
          }),
        }),
        nativeDelete: async () => 0,
      } as unknown as EntityManager;
      const target = {
        ...listener,
        abi,
        address: null,
        confirmations: 1,
        rangeSize: 2,
      } as unknown as EventListener;
      return { sync: new ListenerSync(chain, { publish }), em, target, inserted };
    }

    it('publishes the window in chain order and only then moves the checkpoint', async () => {
      const published: ContractEvent[] = [];
      const { sync, em, target, inserted } = windowHarness(async (events) => {
        expect(target.nextBlock).toBe(11);
        published.push(...events);
      });
      expect(await sync.step(em, target, 'rpc')).toBe('progressed');
      expect(published.map((e) => e.id)).toEqual([
        `${hash('a', 11)}:0`,
        `${hash('a', 12)}:0`,
        `${hash('a', 12)}:1`,
      ]);
      expect(target.nextBlock).toBe(13);
      expect(inserted).toHaveLength(2);
    });

    it('rejects with the checkpoint unmoved when Kafka does not acknowledge the window (the caller rolls its transaction back)', async () => {
      const { sync, em, target } = windowHarness(async () => {
        throw new Error('broker down');
      });
      await expect(sync.step(em, target, 'rpc')).rejects.toThrow('broker down');
      expect(target.nextBlock).toBe(11);
      expect(target.rangeSize).toBe(2);
    });
  });
});
