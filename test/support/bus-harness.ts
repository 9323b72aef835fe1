/**
 * A bus on the real Kafka and PostgreSQL of the e2e run, isolated by a topic prefix and a scratch
 * schema of its own, for testing the outbox, inbox, retries, dead letters and request/reply.
 */
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { BUS_ENTITIES, BusConsumers, KafkaBus, KafkaRequester, OutboxRelay } from '@strata/bus';
import type { AppName } from '@strata/contracts';
import { ormOptions } from '@strata/persistence';
import { readE2eRun } from '@strata/testing';

export interface BusHarness {
  orm: MikroORM;
  schema: string;
  topicPrefix: string;
  bus(app: AppName): Promise<KafkaBus>;
  relay(bus: KafkaBus): OutboxRelay;
  consumers(
    bus: KafkaBus,
    relay: OutboxRelay,
    retry?: { maxAttempts: number; initialBackoffMs: number },
  ): BusConsumers;
  requester(bus: KafkaBus, timeoutMs?: number): Promise<KafkaRequester>;
  close(): Promise<void>;
}

export const silentLogger = pino({ level: 'silent' });

/**
 * A connected bus on the e2e run's own topics (its prefix), acting as `app`: for tests that
 * publish what an app would, or follow an app's events, as that app's peers do.
 */
export async function runBus(app: AppName): Promise<KafkaBus> {
  const run = readE2eRun();
  const bus = new KafkaBus(
    {
      app,
      brokers: run.kafkaBrokers.split(','),
      topicPrefix: run.topicPrefix,
      instanceId: randomUUID(),
    },
    silentLogger,
  );
  await bus.connect();
  return bus;
}

export async function busHarness(): Promise<BusHarness> {
  const run = readE2eRun();
  const suffix = randomUUID().slice(0, 8);
  const schema = `bus_test_${suffix}`;
  const topicPrefix = `${run.topicPrefix}bus-${suffix}.`;
  const orm = new MikroORM(
    ormOptions({ databaseUrl: run.databaseUrl, schema, entities: BUS_ENTITIES, migrations: [] }),
  );
  await orm.connect();
  await orm.schema.create({ schema });
  const closers: (() => Promise<void>)[] = [];
  return {
    orm,
    schema,
    topicPrefix,
    async bus(app) {
      const bus = new KafkaBus(
        { app, brokers: run.kafkaBrokers.split(','), topicPrefix, instanceId: randomUUID() },
        silentLogger,
      );
      await bus.connect();
      closers.push(() => bus.disconnect());
      return bus;
    },
    relay(bus) {
      const relay = new OutboxRelay(orm, bus, silentLogger, { schema, pollIntervalMs: 100 });
      closers.push(() => relay.stop());
      return relay;
    },
    consumers(bus, relay, retry) {
      const consumers = new BusConsumers(bus, orm, relay, silentLogger, retry);
      closers.push(() => consumers.stop());
      return consumers;
    },
    async requester(bus, timeoutMs = 15_000) {
      const requester = new KafkaRequester(bus, silentLogger, timeoutMs);
      await requester.start();
      closers.push(() => requester.stop());
      return requester;
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      await orm.em
        .getConnection()
        .execute(`drop schema if exists "${schema}" cascade`)
        .catch(() => undefined);
      await orm.close();
    },
  };
}
