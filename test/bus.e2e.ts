/**
 * The bus on the real Kafka and PostgreSQL: commands are processed once however often they are
 * delivered, failures are retried a bounded number of times then dead-lettered without blocking
 * what follows, and the outbox publishes what a transaction wrote even after a restart.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { readE2eRun } from '@strata/testing';
import {
  createEnvelope,
  decodeEnvelope,
  InboxMessage,
  OutboxMessage,
  OutboxWriter,
  type KafkaBus,
} from '@strata/bus';
import { type Envelope, Topics } from '@strata/contracts';
import { busHarness, type BusHarness } from './support/bus-harness';

const COMMAND = 'strata.platform-mgmt.test-command.v1';
const EVENT = 'strata.platform-mgmt.test-happened.v1';
const payloadSchema = z.object({ value: z.string().min(1) }).strict();

/** Collects every envelope published on `topic` from the start. */
async function collect(
  bus: KafkaBus,
  topic: string,
): Promise<{ envelopes: Envelope[]; stop: () => Promise<void> }> {
  const envelopes: Envelope[] = [];
  await bus.ensureTopics([topic]);
  const consumer = bus.consumer(`collector-${randomUUID()}`);
  await consumer.connect();
  await consumer.subscribe({ topics: [bus.wireName(topic)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => void envelopes.push(decodeEnvelope(message.value)),
  });
  return { envelopes, stop: () => consumer.disconnect() };
}

async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('bus on real Kafka and PostgreSQL', () => {
  let harness: BusHarness;

  beforeEach(async () => {
    harness = await busHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('processes a command delivered twice exactly once and answers both deliveries with the same reply', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay);
    let handled = 0;
    consumers.onCommand(COMMAND, payloadSchema, async ({ outbox, payload }) => {
      handled++;
      outbox.add({ topic: EVENT, key: payload.value, payload });
      return { value: payload.value, handled };
    });
    relay.start();
    await consumers.start();
    const gateway = await harness.bus('gateway');
    const requester = await harness.requester(gateway);
    const events = await collect(gateway, EVENT);

    const id = randomUUID();
    const first = await requester.request(COMMAND, { id, key: 'k', payload: { value: 'a' } });
    const second = await requester.request(COMMAND, { id, key: 'k', payload: { value: 'a' } });

    expect(first).toEqual({ ok: true, result: { value: 'a', handled: 1 } });
    expect(second).toEqual(first);
    expect(handled).toBe(1);
    await eventually(() => events.envelopes.length >= 1, 'the event');
    expect(events.envelopes.map((e) => e.causationId)).toEqual([id]);
    expect(await harness.orm.em.fork().count(InboxMessage, { messageId: id })).toBe(1);
    await events.stop();
  });

  it('answers an invalid command with a validation problem and stores nothing but the inbox record', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay);
    consumers.onCommand(COMMAND, payloadSchema, async ({ outbox, payload }) => {
      outbox.add({ topic: EVENT, key: payload.value, payload });
      return payload;
    });
    relay.start();
    await consumers.start();
    const requester = await harness.requester(await harness.bus('gateway'));

    const reply = await requester.request(COMMAND, {
      key: 'k',
      payload: { value: '', extra: true },
    });

    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.problem).toMatchObject({ code: 'validation', status: 400 });
    const em = harness.orm.em.fork();
    expect(await em.count(OutboxMessage, { topic: EVENT })).toBe(0);
  });

  it('dead-letters a command whose handler keeps failing after bounded retries, answers 500, and goes on with the next one', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay, { maxAttempts: 3, initialBackoffMs: 10 });
    let attempts = 0;
    consumers.onCommand(COMMAND, payloadSchema, async ({ payload }) => {
      if (payload.value === 'poison') {
        attempts++;
        throw new Error('database exploded');
      }
      return payload;
    });
    relay.start();
    await consumers.start();
    const gateway = await harness.bus('gateway');
    const requester = await harness.requester(gateway);
    const deadLetters = await collect(gateway, Topics.deadLetter(COMMAND));

    const poisoned = await requester.request(COMMAND, {
      key: 'same-partition',
      payload: { value: 'poison' },
    });
    const next = await requester.request(COMMAND, {
      key: 'same-partition',
      payload: { value: 'fine' },
    });

    expect(attempts).toBe(3);
    expect(poisoned).toMatchObject({ ok: false, problem: { code: 'internal', status: 500 } });
    expect(next).toEqual({ ok: true, result: { value: 'fine' } });
    await eventually(() => deadLetters.envelopes.length === 1, 'the dead letter');
    expect(deadLetters.envelopes[0].payload).toMatchObject({
      originalTopic: COMMAND,
      attempts: 3,
      reason: expect.stringContaining('database exploded'),
    });
    await deadLetters.stop();
  });

  it('dead-letters a message that is not an envelope and keeps consuming', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay);
    const seen: string[] = [];
    consumers.onEvent(EVENT, payloadSchema, async ({ payload }) => void seen.push(payload.value));
    relay.start();
    await consumers.start();
    const producer = await harness.bus('ledger');
    const deadLetters = await collect(producer, Topics.deadLetter(EVENT));

    await producer.ensureTopics([EVENT]);
    const raw = new Kafka({
      brokers: readE2eRun().kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    }).producer();
    await raw.connect();
    await raw.send({
      topic: producer.wireName(EVENT),
      messages: [{ key: 'k', value: 'this is not json' }],
    });
    await raw.disconnect();
    await producer.publish([
      {
        topic: EVENT,
        key: 'k',
        envelope: createEnvelope({ type: EVENT, payload: { value: 'after' } }),
      },
    ]);

    await eventually(() => seen.includes('after'), 'the valid event after the poison one');
    await eventually(() => deadLetters.envelopes.length === 1, 'the dead letter');
    expect(deadLetters.envelopes[0].payload).toMatchObject({
      originalTopic: EVENT,
      value: 'this is not json',
    });
    await deadLetters.stop();
  });

  it('delivers every one of many concurrent publishes, each key in the order of the calls', async () => {
    const bus = await harness.bus('ledger');
    const events = await collect(bus, EVENT);
    const keys = ['a', 'b', 'c', 'd'];

    // Fired together: calls made while a send is in flight share the next produce request.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        bus.publish([
          {
            topic: EVENT,
            key: keys[i % keys.length],
            envelope: createEnvelope({ type: EVENT, payload: { value: String(i) } }),
          },
        ]),
      ),
    );

    await eventually(() => events.envelopes.length >= 200, '200 events');
    const values = events.envelopes.map((e) => Number((e.payload as { value: string }).value));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (const [k] of keys.entries()) {
      const ofKey = values.filter((v) => v % keys.length === k);
      expect(ofKey).toEqual([...ofKey].sort((x, y) => x - y));
    }
    await events.stop();
  });

  it('acknowledges an event its handler declares irrelevant without an inbox row and handles the relevant one', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay);
    const seen: string[] = [];
    consumers.onEvent(EVENT, payloadSchema, async ({ payload }) => void seen.push(payload.value), {
      relevant: (payload) => payload.value !== 'not-mine',
    });
    relay.start();
    await consumers.start();
    const producer = await harness.bus('ledger');
    const irrelevant = createEnvelope({ type: EVENT, payload: { value: 'not-mine' } });
    const relevant = createEnvelope({ type: EVENT, payload: { value: 'mine' } });

    await producer.publish([
      { topic: EVENT, key: 'k', envelope: irrelevant },
      { topic: EVENT, key: 'k', envelope: relevant },
    ]);

    await eventually(() => seen.includes('mine'), 'the relevant event');
    expect(seen).toEqual(['mine']);
    const em = harness.orm.em.fork();
    expect(await em.count(InboxMessage, { messageId: irrelevant.id })).toBe(0);
    expect(await em.count(InboxMessage, { messageId: relevant.id })).toBe(1);
  });

  it('hands a burst of one key to an event-run handler in runs, in order and without inbox rows; a run that fails is processed one by one and only its poison event is dead-lettered', async () => {
    const owner = await harness.bus('platform-mgmt');
    const relay = harness.relay(owner);
    const consumers = harness.consumers(owner, relay, { maxAttempts: 2, initialBackoffMs: 10 });
    const runs: string[][] = [];
    consumers.onEventRun(EVENT, payloadSchema, async (_em, events) => {
      const values = events.map((event) => event.payload.value);
      if (values.includes('poison')) throw new Error('a poisoned run');
      runs.push(values);
    });
    relay.start();
    await consumers.start();
    const producer = await harness.bus('ledger');
    const deadLetters = await collect(producer, Topics.deadLetter(EVENT));
    const burst = (values: string[]) =>
      producer.publish(
        values.map((value) => ({
          topic: EVENT,
          key: 'one-key',
          envelope: createEnvelope({ type: EVENT, payload: { value } }),
        })),
      );

    // One publish call: one record batch, fetched whole; handled in runs, not one by one.
    const values = Array.from({ length: 120 }, (_, i) => `v${i}`);
    await burst(values);
    await eventually(() => runs.flat().length >= values.length, 'every event of the burst');
    expect(runs.flat()).toEqual(values);
    expect(runs.length).toBeLessThan(values.length);
    expect(await harness.orm.em.fork().count(InboxMessage, {})).toBe(0);

    await burst(['a', 'poison', 'b']);
    await eventually(() => runs.flat().includes('b'), 'the event after the poison one');
    expect(runs.slice(-2)).toEqual([['a'], ['b']]);
    await eventually(() => deadLetters.envelopes.length === 1, 'the dead letter');
    expect(deadLetters.envelopes[0].payload).toMatchObject({ originalTopic: EVENT });
    await deadLetters.stop();
  });

  it('publishes outbox rows committed while the relay was down once a relay runs again', async () => {
    const em = harness.orm.em.fork();
    await em.transactional(async (tx) => {
      const outbox = new OutboxWriter(tx);
      for (let i = 0; i < 5; i++)
        outbox.add({ topic: EVENT, key: 'order', payload: { value: String(i) } });
    });
    const bus = await harness.bus('platform-mgmt');
    const events = await collect(bus, EVENT);

    harness.relay(bus).start();

    await eventually(() => events.envelopes.length === 5, 'five events');
    expect(events.envelopes.map((e) => (e.payload as { value: string }).value)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ]);
    await eventually(
      async () => (await harness.orm.em.fork().count(OutboxMessage, { publishedAt: null })) === 0,
      'rows marked published',
    );
    await events.stop();
  });
});
