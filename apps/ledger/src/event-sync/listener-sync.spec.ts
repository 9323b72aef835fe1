import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContractEvent } from '@strata/contracts';
import type { BlockHeader, ChainLog, ChainLogs, LogFilter } from './chain-logs';
import type { ContractEventPublisher } from './contract-event-publisher';
import type { EventListener } from './event-listener.entity';
import { ListenerSync } from './listener-sync';
import { id } from 'ethers';
import type { SyncedBlock, StoredLog } from './synced-block.entity';

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

const TICKED = {
  type: 'event',
  name: 'Ticked',
  anonymous: false,
  inputs: [
    { name: 'seq', type: 'uint256', indexed: true },
    { name: 'value', type: 'uint256', indexed: false },
  ],
};
const TICKED_TOPIC = id('Ticked(uint256,uint256)');
const word = (n: number): string => n.toString(16).padStart(64, '0');

/** The stored form of log `index` of block `n` (a Ticked(seq = n * 10 + index, value = 7)). */
function storedLog(n: number, index: number): StoredLog {
  return [
    index,
    `0x${'22'.repeat(32)}`,
    `0x${'11'.repeat(20)}`,
    [TICKED_TOPIC, `0x${word(n * 10 + index)}`],
    `0x${word(7)}`,
  ];
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
  const listener = {
    id: 'l',
    networkId: 'n',
    fromBlock: 1,
    nextBlock: 11,
    abi: [TICKED],
  } as unknown as EventListener;

  it('publishes the events of abandoned blocks as removed, newest first, and resumes after the newest matching block', async () => {
    const chain = new FakeChain(10);
    const stored = [5, 8, 9, 10].map((n) => ({
      listenerId: 'l',
      number: n,
      hash: hash('a', n),
      logs: n === 10 ? [] : [storedLog(n, 0), storedLog(n, 1)],
    }));
    const { em, publisher, published, removed } = harness(stored);
    chain.forkFrom = 8; // blocks 8-10 were replaced
    const target = { ...listener };
    const outcome = await new ListenerSync(chain, publisher).step(em, target, 'rpc');

    expect(outcome).toBe('reorged');
    expect(target.nextBlock).toBe(6);
    expect(removed.map((b) => b.number)).toEqual([10, 9, 8]);
    expect(published.map((e) => e.id)).toEqual([
      `${hash('a', 9)}:1`,
      `${hash('a', 9)}:0`,
      `${hash('a', 8)}:1`,
      `${hash('a', 8)}:0`,
    ]);
    expect(published.every((e) => e.removed)).toBe(true);
    // Rebuilt from the stored log and decoded again with the listener's ABI, as first delivered.
    expect(published[0]).toEqual({
      id: `${hash('a', 9)}:1`,
      listenerId: 'l',
      networkId: 'n',
      removed: true,
      address: `0x${'11'.repeat(20)}`,
      blockNumber: '9',
      blockHash: hash('a', 9),
      transactionHash: `0x${'22'.repeat(32)}`,
      logIndex: 1,
      topics: [TICKED_TOPIC, `0x${word(91)}`],
      data: `0x${word(7)}`,
      event: {
        name: 'Ticked',
        signature: 'Ticked(uint256,uint256)',
        args: { seq: '91', value: '7' },
      },
    });
  });

  it('changes nothing while the newest stored block is still on the chain and nothing is confirmed past the checkpoint', async () => {
    const chain = new FakeChain(10);
    const stored = [{ listenerId: 'l', number: 10, hash: hash('a', 10), logs: [] }];
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
      // Blocks 11 and 12 with their raw logs in chain order, for a later reorg.
      expect(inserted).toEqual([
        {
          listener_id: 'l',
          number: 11,
          hash: hash('a', 11),
          logs: JSON.stringify([
            [0, `0x${'22'.repeat(32)}`, `0x${'11'.repeat(20)}`, [`0x${'33'.repeat(32)}`], '0x'],
          ]),
        },
        {
          listener_id: 'l',
          number: 12,
          hash: hash('a', 12),
          logs: JSON.stringify([
            [0, `0x${'22'.repeat(32)}`, `0x${'11'.repeat(20)}`, [`0x${'33'.repeat(32)}`], '0x'],
            [1, `0x${'22'.repeat(32)}`, `0x${'11'.repeat(20)}`, [`0x${'33'.repeat(32)}`], '0x'],
          ]),
        },
      ]);
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
