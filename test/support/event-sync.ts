/**
 * Helpers of the event sync's e2e tests: a Kafka consumer collecting the ledger's contract
 * events (deduplicated by event id and `removed`), the EventSyncFixture contract deployed on a
 * private anvil with its first dev account, and its event listener API through the SDK.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import pino from 'pino';
import {
  type Contract,
  ContractFactory,
  type ContractTransactionResponse,
  JsonRpcProvider,
  Wallet,
} from 'ethers';
import { type ApiResponse, Configuration, EventListenersApi } from '@strata/sdk';
import { KafkaBus } from '@strata/bus';
import { type ContractEvent, EventListenerTopics } from '@strata/contracts';
import { EventSyncFixtureArtifact } from '@strata/chain';
import { readE2eRun } from '@strata/testing';
import type { Api } from './api';
import { eventually } from './eventually';

/** anvil's first dev account (public, funded on every anvil). */
const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export const FIXTURE_ABI = EventSyncFixtureArtifact.abi as Record<string, unknown>[];

export function eventListenersApi(api: Api): EventListenersApi {
  return new EventListenersApi(
    new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }),
  );
}

/**
 * The result of a listener write: its 201 body, or, when the ledger did not answer within the
 * gateway's reply timeout (202 with X-Operation-Id), the result of the operation once it settled.
 */
export async function settled<T>(api: Api, call: Promise<ApiResponse<T>>): Promise<T> {
  const response = await call;
  if (response.raw.status !== 202) return response.value();
  const id = response.raw.headers.get('x-operation-id') ?? '';
  const operation = await eventually(
    async () => {
      const read = await api.operations.getOperation({ id });
      return read.status !== 'pending' ? read : undefined;
    },
    `operation ${id} to settle`,
    90_000,
  );
  if (operation.status !== 'succeeded') {
    throw new Error(`operation ${id} failed: ${JSON.stringify(operation.problem)}`);
  }
  return operation.result as T;
}

export interface ContractEventLog {
  /** Every message as received (duplicates included). */
  received: ContractEvent[];
  /** Messages of one listener, first delivery of each (id, removed) only, in arrival order. */
  of(listenerId: string): ContractEvent[];
  stop(): Promise<void>;
}

export async function collectContractEvents(): Promise<ContractEventLog> {
  const run = readE2eRun();
  const bus = new KafkaBus(
    {
      app: 'gateway',
      brokers: run.kafkaBrokers.split(','),
      topicPrefix: run.topicPrefix,
      instanceId: randomUUID(),
    },
    pino({ level: 'silent' }),
  );
  await bus.connect();
  await bus.ensureTopics([EventListenerTopics.contractEvent]);
  const consumer: Consumer = bus.consumer(`event-sync-e2e-${randomUUID()}`);
  await consumer.connect();
  await consumer.subscribe({
    topics: [bus.wireName(EventListenerTopics.contractEvent)],
    fromBeginning: true,
  });
  const received: ContractEvent[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
        payload: ContractEvent;
      };
      received.push(envelope.payload);
    },
  });
  return {
    received,
    of: (listenerId) => {
      const seen = new Set<string>();
      return received.filter((e) => {
        const id = `${e.id}:${e.removed}`;
        if (e.listenerId !== listenerId || seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    },
    stop: async () => {
      await consumer.disconnect();
      await bus.disconnect();
    },
  };
}

export async function deployFixture(rpcUrl: string): Promise<Contract> {
  const wallet = new Wallet(
    ANVIL_DEV_KEY,
    new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 }),
  );
  const factory = new ContractFactory(
    EventSyncFixtureArtifact.abi,
    EventSyncFixtureArtifact.bytecode,
    wallet,
  );
  const contract = await factory.deploy();
  await contract.waitForDeployment();
  return contract as Contract;
}

/** Emits `total` numbered events in calls (one block each) of at most `perCall` events. */
export async function emitEvents(fixture: Contract, total: number, perCall = 250): Promise<void> {
  for (let done = 0; done < total; done += perCall) {
    const tx: ContractTransactionResponse = await fixture
      .getFunction('emitMany')
      .send(Math.min(perCall, total - done));
    await tx.wait();
  }
}

/** The sequence number an event of the fixture carries (its first indexed argument). */
export const seqOf = (event: ContractEvent): number => Number(BigInt(event.topics[1]));

/**
 * Delivered events are exactly the `count` emitted from `start` (each once after dedupe), and
 * within each partition key (`<address>:<topic0>`) in emission order.
 */
export function expectExactlyAsEmitted(
  delivered: ContractEvent[],
  start: number,
  count: number,
): void {
  const live = delivered.filter((e) => !e.removed);
  expect(live.map(seqOf).sort((a, b) => a - b)).toEqual(
    Array.from({ length: count }, (_, i) => start + i),
  );
  const byKey = new Map<string, number[]>();
  for (const event of live) {
    const key = `${event.address.toLowerCase()}:${event.topics[0]}`;
    byKey.set(key, [...(byKey.get(key) ?? []), seqOf(event)]);
  }
  expect(byKey.size).toBe(2);
  for (const order of byKey.values()) expect(order).toEqual([...order].sort((a, b) => a - b));
}
