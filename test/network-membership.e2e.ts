/**
 * The ledger's copy of a network's members when platform-mgmt's events reach it out of order
 * (they come on two topics, consumed independently, and may be redelivered): the list with the
 * highest membership revision wins, whatever arrives last. Published straight to the run's
 * Kafka as platform-mgmt would, then read from the ledger's tables once the ledger has processed
 * every one of them (its inbox).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createEnvelope, KafkaBus } from '@strata/bus';
import type { NetworkMembershipChanged, NetworkRegistered } from '@strata/contracts';
import { readE2eRun } from '@strata/testing';
import { runBus } from './support/bus-harness';
import { eventually } from './support/eventually';

const REGISTERED = 'strata.platform-mgmt.network-registered.v1';
const CHANGED = 'strata.platform-mgmt.network-membership-changed.v1';

describe('network membership on the ledger, events out of order', () => {
  let bus: KafkaBus;
  let db: Client;

  beforeAll(async () => {
    bus = await runBus('platform-mgmt');
    db = new Client({ connectionString: readE2eRun().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await bus?.disconnect();
    await db?.end();
  });

  /** Publishes each event as platform-mgmt's outbox would; returns the envelope ids. */
  async function publish(...events: [string, string, object][]): Promise<string[]> {
    const envelopes = events.map(([topic, key, payload]) => ({
      topic,
      key,
      envelope: createEnvelope({ type: topic, payload }),
    }));
    await bus.publish(envelopes);
    return envelopes.map((message) => message.envelope.id);
  }

  const processed = async (ids: string[]) => {
    const { rows } = await db.query<{ message_id: string }>(
      `select message_id from ledger.inbox_message where message_id = any($1::uuid[]) and outcome = 'processed'`,
      [ids],
    );
    return rows.length === ids.length;
  };

  async function membersOf(networkId: string): Promise<{ members: string[]; revision: number }> {
    const members = await db.query<{ organisation_id: string }>(
      'select organisation_id from ledger.network_member where network_id = $1 order by 1',
      [networkId],
    );
    const revision = await db.query<{ revision: number }>(
      'select revision from ledger.network_membership where network_id = $1',
      [networkId],
    );
    return {
      members: members.rows.map((row) => row.organisation_id),
      revision: revision.rows[0]?.revision ?? -1,
    };
  }

  const registered = (id: string, members: string[]): NetworkRegistered => ({
    id,
    name: `out of order ${id.slice(0, 8)}`,
    description: null,
    memberOrganisationIds: members,
    rpcUrl: readE2eRun().anvilRpcUrl,
    createdAt: new Date().toISOString(),
  });

  const changed = (
    networkId: string,
    revision: number,
    members: string[],
    kind: 'admitted' | 'removed',
    organisationId: string,
  ): NetworkMembershipChanged => ({
    networkId,
    revision,
    memberOrganisationIds: [...members].sort(),
    change: { kind, organisationId },
    proposalId: randomUUID(),
    changedAt: new Date().toISOString(),
  });

  it('keeps the newest list when the changes arrive before the registration and in reverse order', async () => {
    const networkId = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    // Registered with [a]; revision 1 admitted b, revision 2 removed a. Delivered: 2, 1, then 0.
    const ids = await publish(
      [CHANGED, networkId, changed(networkId, 2, [b], 'removed', a)],
      [CHANGED, networkId, changed(networkId, 1, [a, b], 'admitted', b)],
    );
    ids.push(...(await publish([REGISTERED, networkId, registered(networkId, [a])])));
    await eventually(() => processed(ids), 'the ledger to process the three events');
    expect(await membersOf(networkId)).toEqual({ members: [b], revision: 2 });

    // A later change applies; a redelivered older one changes nothing.
    const later = await publish([CHANGED, networkId, changed(networkId, 3, [b, c], 'admitted', c)]);
    const again = await publish([CHANGED, networkId, changed(networkId, 2, [b], 'removed', a)]);
    await eventually(() => processed([...later, ...again]), 'the ledger to process both');
    expect(await membersOf(networkId)).toEqual({ members: [b, c].sort(), revision: 3 });
  });

  it('applies the registration when it comes first, then each newer change', async () => {
    const networkId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const first = await publish([REGISTERED, networkId, registered(networkId, [a, b])]);
    await eventually(() => processed(first), 'the registration');
    expect(await membersOf(networkId)).toEqual({ members: [a, b].sort(), revision: 0 });
    const removal = await publish([CHANGED, networkId, changed(networkId, 1, [b], 'removed', a)]);
    await eventually(() => processed(removal), 'the removal');
    expect(await membersOf(networkId)).toEqual({ members: [b], revision: 1 });
  });
});
