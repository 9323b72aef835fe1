/**
 * The status stream (SSE) of a network's transactions: a submitted transfer's changes arrive in
 * lifecycle order, only to its own organisation; a reconnect with Last-Event-ID replays what
 * followed that event, and one to another gateway instance (which does not hold the first's
 * buffer) is caught up from the ledger.
 */
import type { LedgerTransaction } from '@strata/sdk';
import { type RunningApp, startAnotherInstance, stopProcess } from '@strata/testing';
import { apiAs, gatewayUrl } from './support/api';
import { eventually } from './support/eventually';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  submitTransfer,
  waitForStatus,
} from './support/ledger';
import { openSse, type SseStream } from './support/sse';

const SINK = '0x000000000000000000000000000000000000c0de';

describe('transaction status stream (SSE)', () => {
  let alice: Member;
  let carol: Member;
  let networkId: string;
  let account: string;
  let second: RunningApp;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    second = await startAnotherInstance('gateway');
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    carol = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId, carol.organisationId]);
    account = await signingAccount(alice, networkId);
  }, 120_000);

  afterAll(async () => {
    streams.forEach((s) => s.close());
    if (second) await stopProcess(second.pid, 10_000);
  });

  const open = async (member: Member, headers: Record<string, string> = {}, id = networkId) => {
    const stream = await openSse(
      `${gatewayUrl()}/api/v1/networks/${id}/transactions/stream`,
      member.api.token,
      headers,
    );
    streams.push(stream);
    return stream;
  };

  const statusesOf = (stream: SseStream, txId: string) =>
    stream.frames
      .filter((f) => f.event === 'transaction-status')
      .map((f) => ({ id: f.id, tx: JSON.parse(f.data) as LedgerTransaction }))
      .filter((e) => e.tx.id === txId);

  it('delivers a transfer from accepted to confirmed in order, only to its organisation, and resumes after Last-Event-ID', async () => {
    const stream = await open(alice);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    const outsider = await open(carol);
    expect(outsider.status).toBe(200);

    const accepted = await submitTransfer(alice, networkId, {
      from: account,
      to: SINK,
      value: '5',
    });
    await waitForStatus(alice, networkId, accepted.id, ['confirmed']);
    const events = await eventually(() => {
      const seen = statusesOf(stream, accepted.id);
      return seen.some((e) => e.tx.status === 'confirmed') ? seen : undefined;
    }, 'the confirmed event on the stream');
    expect(events.map((e) => e.tx.status)).toEqual([
      'accepted',
      'signed',
      'submitted',
      'mined',
      'confirmed',
    ]);
    const seqs = events.map((e) => Number(e.id?.split('.')[1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(statusesOf(outsider, accepted.id)).toEqual([]);

    const resumed = await open(alice, { 'last-event-id': String(events[0].id) });
    const replayed = await eventually(() => {
      const seen = statusesOf(resumed, accepted.id);
      return seen.length >= 4 ? seen : undefined;
    }, 'the replay after Last-Event-ID');
    expect(replayed.map((e) => e.tx.status)).toEqual(['signed', 'submitted', 'mined', 'confirmed']);
    expect(resumed.frames.some((f) => f.event === 'resync')).toBe(false);

    // Another gateway instance (as behind a load balancer) does not hold this one's buffer: it
    // catches the client up from the ledger with the transaction's current state.
    const elsewhere = await openSse(
      `${second.url}/api/v1/networks/${networkId}/transactions/stream`,
      alice.api.token,
      { 'last-event-id': events[0].id ?? '' },
    );
    streams.push(elsewhere);
    expect(elsewhere.status).toBe(200);
    const caughtUp = await eventually(() => {
      const ready = elsewhere.frames.findIndex((f) => f.event === 'ready');
      return ready >= 0 ? elsewhere.frames.slice(0, ready + 1) : undefined;
    }, 'the catch-up from the ledger');
    expect(caughtUp.some((f) => f.event === 'resync')).toBe(false);
    const current = caughtUp
      .filter((f) => f.event === 'transaction-status')
      .map((f) => JSON.parse(f.data) as LedgerTransaction);
    expect(current.filter((tx) => tx.id === accepted.id).map((tx) => tx.status)).toEqual([
      'confirmed',
    ]);
    expect(current.every((tx) => tx.organisationId === alice.organisationId)).toBe(true);
    // Its ids are the second instance's cursors: the next reconnect there resumes from its buffer.
    const [instance] = (events[0].id ?? '').split('.');
    const ready = caughtUp[caughtUp.length - 1];
    expect(ready.id).toMatch(/^[0-9a-f]{8}\.\d+\.\d+$/);
    expect(ready.id?.startsWith(`${instance}.`)).toBe(false);
  }, 120_000);

  it('lists the transactions changed since an instant, oldest change first (the change feed the catch-up reads)', async () => {
    const first = await submitTransfer(alice, networkId, { from: account, to: SINK, value: '1' });
    await waitForStatus(alice, networkId, first.id, ['confirmed']);
    const second = await submitTransfer(alice, networkId, { from: account, to: SINK, value: '2' });
    await waitForStatus(alice, networkId, second.id, ['confirmed']);
    const since = (await alice.tx.getTransaction({ id: networkId, txId: first.id })).updatedAt;

    const page = await alice.tx.listTransactions({ id: networkId, updatedAfter: since });
    const times = page.items.map((tx) => tx.updatedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.every((t) => t >= since.getTime())).toBe(true);
    expect(page.items.map((tx) => tx.id)).toEqual([first.id, second.id]);
    // The other organisation's view of the same feed holds none of them.
    const outsiders = await carol.tx.listTransactions({ id: networkId, updatedAfter: since });
    expect(outsiders.items).toEqual([]);
  }, 120_000);

  it('says resync for a Last-Event-ID it cannot read, and is live afterwards', async () => {
    const stream = await open(alice, { 'last-event-id': 'not-a-cursor' });
    const frames = await eventually(() => {
      const ready = stream.frames.findIndex((f) => f.event === 'ready');
      return ready >= 0 ? stream.frames.slice(0, ready + 1) : undefined;
    }, 'the ready frame');
    // Live events may follow (earlier tests' late changes); nothing is sent before `ready`.
    expect(frames.map((f) => f.event)).toEqual(['resync', 'ready']);
  });

  it('answers 404 problem+json for a network the caller is not a member of', async () => {
    const stranger = await memberWithRole(await apiAs('admin'));
    const stream = await open(stranger);
    expect(stream.status).toBe(404);
    expect(stream.contentType).toContain('application/problem+json');
    expect(stream.problem).toMatchObject({ status: 404 });
  });
});
