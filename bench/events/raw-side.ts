/**
 * The raw baseline: eth_getLogs over the emitted blocks in large ranges and a plain kafkajs
 * producer (acks=all) writing each log as JSON with the same key Strata uses
 * (`<address>:<topic0>`). No decoding, no checkpoints, no database.
 */
import { type Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { EmittedEvents } from './emit';

export interface RawResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  getLogsSeconds: number;
}

/** Blocks per eth_getLogs call: with thousands of events per block, a few blocks is "large". */
const RANGE_BLOCKS = 10;
/** Messages per produce request (stays well below the broker's 1 MB record batch limit). */
const CHUNK = 500;

interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
}

async function getLogs(
  rpcUrl: string,
  from: number,
  to: number,
  address: string,
): Promise<RpcLog[]> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_getLogs',
      params: [{ fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}`, address }],
    }),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await response.json()) as { result?: RpcLog[]; error?: { message: string } };
  if (body.error) throw new Error(`eth_getLogs: ${body.error.message}`);
  return body.result ?? [];
}

/** A loaded broker may answer metadata for a new topic late: wait until it does (not timed). */
export async function topicReady(admin: Admin, topic: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.fetchTopicMetadata({ topics: [topic] });
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function runRawSide(
  rpcUrl: string,
  brokers: string[],
  topic: string,
  emitted: EmittedEvents,
): Promise<RawResult> {
  const kafka = new Kafka({ clientId: 'bench-events-raw', brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  await topicReady(admin, topic);
  await admin.disconnect();
  // kafkajs's default partitioner, named so it does not warn about its v2 default change.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const started = performance.now();
    let getLogsMs = 0;
    let events = 0;
    for (let from = emitted.fromBlock; from <= emitted.toBlock; from += RANGE_BLOCKS) {
      const to = Math.min(emitted.toBlock, from + RANGE_BLOCKS - 1);
      const asked = performance.now();
      const logs = await getLogs(rpcUrl, from, to, emitted.address);
      getLogsMs += performance.now() - asked;
      for (let i = 0; i < logs.length; i += CHUNK) {
        const messages = logs.slice(i, i + CHUNK).map((log) => ({
          key: `${log.address.toLowerCase()}:${log.topics[0]}`,
          value: JSON.stringify(log),
        }));
        await producer.send({ topic, acks: -1, messages });
      }
      events += logs.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds, eventsPerSecond: events / seconds, getLogsSeconds: getLogsMs / 1000 };
  } finally {
    await producer.disconnect();
  }
}
