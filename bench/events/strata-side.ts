/**
 * Strata's measured side: an event listener created through the gateway from the first emitted
 * block; the time runs from the create request until the listener's checkpoint (read through the
 * API) has passed the last emitted block. The sync stores a checkpoint only after Kafka
 * acknowledged every event before it (acks=all), so this is the moment the raw side's last send
 * resolves: everything acknowledged by Kafka. A consumer then reads the topic from the beginning,
 * after the clock stopped, and the run fails unless every emitted event (deduplicated by id) is
 * there. (Consuming while measuring charged the checker's own CPU to Strata alone, on the same
 * cores: the raw side has no consumer.)
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
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
  /**
   * Events in the ledger's stream log (what event streams deliver from) when the clock stopped:
   * it is fed from Kafka beside the sync, in the same process, and catches up afterwards.
   */
  streamLogged: number;
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
  // The ledger creates the topic at startup; creating it again would make kafkajs log an ERROR.
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  }
  await topicReady(admin, topic);
  await admin.disconnect();
  const started = performance.now();
  const listener = await post(
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
  await checkpointPassed(target, String(listener.id), emitted.toBlock);
  const seconds = (performance.now() - started) / 1000;
  const streamLogged = await streamLogCount(target.databaseUrl);
  const { events, messages } = await consumeAll(kafka, topic, expected);
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    messages,
    createSeconds,
    streamLogged,
  };
}

async function streamLogCount(databaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ count: string }>(
      'select count(*) from ledger.stream_log_event',
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await db.end();
  }
}

/** Polls the listener through the API until its checkpoint is past `lastBlock`. */
async function checkpointPassed(
  target: EventsTarget,
  listenerId: string,
  lastBlock: number,
): Promise<void> {
  const url = `${target.gatewayUrl}/api/v1/networks/${target.networkId}/event-listeners/${listenerId}`;
  for (;;) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${target.token}` } });
    if (!response.ok) throw new Error(`GET listener answered ${response.status}`);
    const { nextBlock } = (await response.json()) as { nextBlock: string };
    if (Number(nextBlock) > lastBlock) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Checkpoint poll interval: the measured time is at most this much late. */
const POLL_MS = 50;
/** How long the check after the clock stopped may take to read every event back. */
const CHECK_TIMEOUT_MS = 180_000;

/** Reads the topic from the beginning until every expected event id was seen (not timed). */
async function consumeAll(
  kafka: Kafka,
  topic: string,
  expected: number,
): Promise<{ events: number; messages: number }> {
  const consumer = kafka.consumer({
    groupId: `bench-events-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen = new Set<string>();
  let messages = 0;
  let done: () => void = () => undefined;
  const allSeen = new Promise<void>((resolve) => (done = resolve));
  try {
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
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`only ${seen.size} of ${expected} events found in Kafka`)),
        CHECK_TIMEOUT_MS,
      );
    });
    await Promise.race([allSeen, timedOut]).finally(() => clearTimeout(timer));
    return { events: seen.size, messages };
  } finally {
    await consumer.disconnect();
  }
}
