/**
 * The status stream (SSE) of a network's transactions: a submitted transfer's changes arrive in
 * lifecycle order, only to its own organisation, and a reconnect with Last-Event-ID replays
 * what followed that event.
 */
import type { LedgerTransaction } from '@strata/sdk';
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
  const streams: SseStream[] = [];

  beforeAll(async () => {
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    carol = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId, carol.organisationId]);
    account = await signingAccount(alice, networkId);
  }, 120_000);

  afterAll(() => streams.forEach((s) => s.close()));

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
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(statusesOf(outsider, accepted.id)).toEqual([]);

    const resumed = await open(alice, { 'last-event-id': String(events[0].id) });
    const replayed = await eventually(() => {
      const seen = statusesOf(resumed, accepted.id);
      return seen.length >= 4 ? seen : undefined;
    }, 'the replay after Last-Event-ID');
    expect(replayed.map((e) => e.tx.status)).toEqual(['signed', 'submitted', 'mined', 'confirmed']);
  }, 120_000);

  it('answers 404 problem+json for a network the caller is not a member of', async () => {
    const stranger = await memberWithRole(await apiAs('admin'));
    const stream = await open(stranger);
    expect(stream.status).toBe(404);
    expect(stream.contentType).toContain('application/problem+json');
    expect(stream.problem).toMatchObject({ status: 404 });
  });
});
