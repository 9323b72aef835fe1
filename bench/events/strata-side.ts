/**
 * Strata's measured side: a Kafka consumer on the contract-event topic (joined before the clock
 * starts), then an event listener created through the gateway from the first emitted block; the
 * time runs from the create request until every emitted event (deduplicated by id) is consumed.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EventListenerTopics } from '@strata/contracts';
import type { EmittedEvents } from './emit';
import { topicReady } from './raw-side';
import { type EventsTarget, post } from './strata-target';

export interface StrataResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Messages consumed including duplicates (at-least-once). */
  messages: number;
  /** From the create request until the gateway answered (command round trip to the ledger). */
  createSeconds: number;
}

export async function runStrataSide(
  target: EventsTarget,
  emitted: EmittedEvents,
  expected: number,
): Promise<StrataResult> {
  const kafka = new Kafka({
    clientId: 'bench-events-strata',
    brokers: target.kafkaBrokers,
    logLevel: logLevel.WARN,
  });
  const topic = `${target.topicPrefix}${EventListenerTopics.contractEvent}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  await topicReady(admin, topic);
  await admin.disconnect();
  const consumer = kafka.consumer({
    groupId: `bench-events-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  const seen = new Set<string>();
  let messages = 0;
  let done: () => void = () => undefined;
  const allSeen = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        messages++;
        const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
          payload?: { id?: string; removed?: boolean };
        };
        if (envelope.payload?.removed === false) seen.add(String(envelope.payload.id));
      }
      if (seen.size >= expected) done();
    },
  });
  await joined;
  try {
    const started = performance.now();
    await post(
      target.gatewayUrl,
      `/api/v1/networks/${target.networkId}/event-listeners`,
      target.token,
      {
        name: 'bench',
        address: emitted.address,
        abi: emitted.abi,
        fromBlock: String(emitted.fromBlock),
        confirmations: 1,
      },
    );
    const createSeconds = (performance.now() - started) / 1000;
    await allSeen;
    const seconds = (performance.now() - started) / 1000;
    return {
      events: seen.size,
      seconds,
      eventsPerSecond: seen.size / seconds,
      messages,
      createSeconds,
    };
  } finally {
    await consumer.disconnect();
  }
}
