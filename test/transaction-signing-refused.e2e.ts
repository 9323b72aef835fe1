/**
 * A vault that keeps refusing to sign (issue 4: "bounded retries, then `stuck` with an alert — a
 * stuck transaction never blocks other accounts"). The key of one signing account is moved out of
 * the ledger's vault behind its back (its custody row names another vault, as after a migration
 * to an HSM this instance is not configured for): its transfer is retried the network's
 * `maxAttempts` times, then `stuck` with a `transaction-stuck` alert naming the refusal, while
 * another account of the same organisation keeps confirming. Once the key is back, a speed-up
 * signs the stuck transaction at its nonce and it is confirmed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { LedgerTransactionTopics } from '@strata/contracts';
import { readE2eRun } from '@strata/testing';
import { apiAs, raw } from './support/api';
import { eventually } from './support/eventually';
import { type EventTap, tapEvents } from './support/kafka-events';
import { settle } from './support/operations';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  submitTransfer,
  waitForStatus,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000dEaD';

describe('a transaction whose key the vault refuses', () => {
  let db: Client;
  let tap: EventTap;
  let alice: Member;
  let networkId: string;

  beforeAll(async () => {
    db = new Client({ connectionString: readE2eRun().databaseUrl });
    await db.connect();
    tap = await tapEvents([LedgerTransactionTopics.transactionAlert]);
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId]);
    const settings = await raw(
      admin,
      'PUT',
      `/api/v1/networks/${networkId}/transaction-settings`,
      { maxAttempts: 3 },
      { 'idempotency-key': randomUUID() },
    );
    expect((await settle(admin, settings)).status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await db?.end();
  });

  const transfer = (from: string, value: string) =>
    submitTransfer(alice, networkId, { from, to: SINK, value });

  /** Points the account's key at another vault (or back at the ledger's own). */
  const moveKey = async (address: string, custody: string): Promise<void> => {
    const moved = await db.query(
      `update ledger.custody_key set custody = $3 where id::text = (
         select key_id from ledger.signing_account where network_id = $1 and lower(address) = lower($2))`,
      [networkId, address, custody],
    );
    expect(moved.rowCount).toBe(1);
  };

  it('retries a bounded number of times, then marks it stuck with an alert, without holding back another account', async () => {
    const refused = await signingAccount(alice, networkId);
    const healthy = await signingAccount(alice, networkId);
    const { rows } = await db.query<{ custody: string }>(
      `select custody from ledger.custody_key where id::text = (
         select key_id from ledger.signing_account where network_id = $1 and lower(address) = lower($2))`,
      [networkId, refused],
    );
    const ownCustody = rows[0]?.custody ?? 'software';
    const elsewhere = ownCustody === 'pkcs11' ? 'software' : 'pkcs11';
    await moveKey(refused, elsewhere);

    const blocked = await transfer(refused, '7');
    const meanwhile = await transfer(healthy, '8');
    expect((await waitForStatus(alice, networkId, meanwhile.id, ['confirmed'])).status).toBe(
      'confirmed',
    );

    const stuck = await waitForStatus(alice, networkId, blocked.id, ['stuck'], 120_000);
    expect(stuck.hash ?? null).toBeNull();
    expect(stuck.failureReason).toContain('signing failed');
    expect(stuck.failureReason).toContain(`held by the ${elsewhere} vault`);
    const alert = await eventually(
      async () =>
        tap.events.find(
          (event) =>
            (event.payload as { transaction?: { id?: string } }).transaction?.id === blocked.id,
        ),
      `the alert for ${blocked.id}`,
    );
    expect(alert.payload).toMatchObject({ alert: 'transaction-stuck' });
    expect(String((alert.payload as { reason: string }).reason)).toContain('signing failed');
    // A later transfer of the healthy account is not behind it either.
    const after = await transfer(healthy, '9');
    expect((await waitForStatus(alice, networkId, after.id, ['confirmed'])).status).toBe(
      'confirmed',
    );

    // The key is back: a speed-up signs the stuck transfer at its own nonce and it is confirmed.
    await moveKey(refused, ownCustody);
    const answer = await settle(
      alice.api,
      await raw(
        alice.api,
        'POST',
        `/api/v1/networks/${networkId}/transactions/${blocked.id}/speed-up`,
        { reason: 'key restored' },
        { 'idempotency-key': randomUUID() },
      ),
    );
    expect(answer.status).toBe(202);
    const confirmed = await waitForStatus(alice, networkId, blocked.id, ['confirmed']);
    expect(confirmed.nonce).toBe(stuck.nonce);
    expect(confirmed.hash).toMatch(/^0x[0-9a-f]{64}$/);
  }, 240_000);
});
