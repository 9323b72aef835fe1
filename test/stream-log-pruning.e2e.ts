/**
 * Pruning of the event streams' log on the e2e run's real PostgreSQL (the ledger's schema): rows
 * go only once they are older than the replay horizon and every stream of their network has
 * delivered past them, never while a stream of the network replays, never under a dead letter
 * that may be re-driven. Rows of a fresh random network, so nothing else in the run is touched.
 */
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@strata/persistence';
import { readE2eRun } from '@strata/testing';
import { EventStream, StreamDeadLetter, StreamLogEvent } from '../apps/ledger/src/event-streams';
import { pruneStreamLog } from '../apps/ledger/src/event-streams/stream-log.pruner';

const DAY = 24 * 60 * 60 * 1000;

describe('stream log pruning', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = new MikroORM(
      ormOptions({
        databaseUrl: readE2eRun().databaseUrl,
        schema: 'ledger',
        entities: [EventStream, StreamDeadLetter, StreamLogEvent],
        migrations: [],
      }),
    );
    await orm.connect();
  });

  afterAll(async () => {
    await orm?.close();
  });

  /** `count` log rows of a network, received `ageDays` ago; their sequence numbers. */
  async function logRows(networkId: string, count: number, ageDays: number): Promise<number[]> {
    const em = orm.em.fork();
    const rows = Array.from({ length: count }, (_, i) =>
      em.create(StreamLogEvent, {
        eventId: `0x${randomUUID().replace(/-/g, '')}:${i}`,
        removed: false,
        networkId,
        listenerId: randomUUID(),
        address: `0x${'11'.repeat(20)}`,
        signature: null,
        blockNumber: i,
        payload: {} as never,
        receivedAt: new Date(Date.now() - ageDays * DAY),
      }),
    );
    await em.flush();
    return rows.map((row) => row.seq);
  }

  async function stream(networkId: string, position: number, replaying = false): Promise<void> {
    const em = orm.em.fork();
    em.create(EventStream, {
      id: randomUUID(),
      networkId,
      organisationId: null,
      name: 'pruning',
      type: 'websocket',
      filter: { address: `0x${'11'.repeat(20)}` },
      url: null,
      secret: null,
      retry: null,
      status: 'active',
      position,
      replayUntil: replaying ? position : null,
      replayFromBlock: replaying ? 0 : null,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      leaseOwner: null,
      leaseUntil: null,
      createdBy: { subject: 'test', roles: [] },
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
  }

  const remaining = async (networkId: string): Promise<number[]> =>
    (
      await orm.em
        .fork()
        .find(StreamLogEvent, { networkId }, { fields: ['seq'], orderBy: { seq: 'asc' } })
    ).map((row) => row.seq);

  it('deletes old rows every stream has passed, keeps young rows and rows a stream still needs', async () => {
    const network = randomUUID();
    const old = await logRows(network, 6, 30);
    const young = await logRows(network, 2, 0);
    // One stream delivered the first four old rows, a second one the first three.
    await stream(network, old[3]);
    await stream(network, old[2]);
    // A dead letter of the second row waits for a re-drive.
    const em = orm.em.fork();
    em.create(StreamDeadLetter, {
      id: randomUUID(),
      streamId: randomUUID(),
      seq: old[1],
      eventId: 'e',
      removed: false,
      blockNumber: 1,
      status: 'dead',
      attempts: 3,
      lastError: 'receiver down',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();

    await pruneStreamLog(orm.em.fork(), new Date(Date.now() - DAY));

    expect(await remaining(network)).toEqual([old[1], old[3], old[4], old[5], ...young]);
  });

  it('deletes old rows of a network without streams, and nothing of a network whose stream replays', async () => {
    const quiet = randomUUID();
    const quietRows = await logRows(quiet, 3, 30);
    const replaying = randomUUID();
    const replayRows = await logRows(replaying, 3, 30);
    await stream(replaying, replayRows[2], true);

    await pruneStreamLog(orm.em.fork(), new Date(Date.now() - DAY));

    expect(quietRows).toHaveLength(3);
    expect(await remaining(quiet)).toEqual([]);
    expect(await remaining(replaying)).toEqual(replayRows);
  });
});
