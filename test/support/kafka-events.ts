/**
 * Reads the run's real Kafka topics from the start, as an outside consumer would: for checking
 * that a fact was published (audit events through the outbox), not only stored.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { readE2eRun } from '@strata/testing';

export interface PublishedEvent {
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  actor?: { subject: string; username?: string };
}

export interface EventTap {
  events: PublishedEvent[];
  close(): Promise<void>;
}

/** Subscribes to the given (unprefixed) topics from the beginning and collects what arrives. */
export async function tapEvents(topics: string[]): Promise<EventTap> {
  const run = readE2eRun();
  const kafka = new Kafka({
    clientId: `e2e-tap-${randomUUID().slice(0, 8)}`,
    brokers: run.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const wire = topics.map((t) => `${run.topicPrefix}${t}`);
  await admin.createTopics({ topics: wire.map((topic) => ({ topic, numPartitions: 3 })) });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `e2e-tap-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: wire, fromBeginning: true });
  const events: PublishedEvent[] = [];
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
        payload: Record<string, unknown>;
        actor?: PublishedEvent['actor'];
      };
      events.push({
        topic: topic.slice(run.topicPrefix.length),
        key: message.key?.toString('utf8') ?? '',
        payload: envelope.payload,
        actor: envelope.actor,
      });
    },
  });
  return { events, close: () => consumer.disconnect() };
}
