/**
 * The runtime requester: Kafka request/reply from libs/bus. The gateway only asks; it has no
 * outbox or consumers of its own, so it needs the bus connection and the reply consumer only.
 */
import { randomUUID } from 'node:crypto';
import { KafkaBus, KafkaRequester, type Requester } from '@strata/bus';
import pino from 'pino';
import type { GatewayConfig } from './config';

export interface RunningRequester {
  requester: Requester;
  close(): Promise<void>;
}

export async function busRequester(
  config: GatewayConfig,
  brokers: string[],
): Promise<RunningRequester> {
  const logger = pino({
    level: config.STRATA_LOG_LEVEL,
    base: { app: 'gateway', component: 'bus' },
  });
  const bus = new KafkaBus(
    { app: 'gateway', brokers, topicPrefix: config.STRATA_TOPIC_PREFIX, instanceId: randomUUID() },
    logger,
  );
  await bus.connect();
  const requester = new KafkaRequester(bus, logger, config.STRATA_REPLY_TIMEOUT_MS);
  await requester.start();
  return {
    requester,
    close: async () => {
      await requester.stop();
      await bus.disconnect();
    },
  };
}
