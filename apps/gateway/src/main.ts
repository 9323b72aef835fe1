/**
 * Starts the gateway: configuration, PostgreSQL (migrations at boot), bus requester, HTTP.
 * SIGTERM/SIGINT close HTTP first, then the adapters.
 */
import 'reflect-metadata';
import { JwtTokenVerifier } from '@strata/auth';
import { createGateway } from './app.setup';
import { loadGatewayConfig } from './config';
import { openDatabase } from './database/database';
import { databaseProbe, kafkaProbe } from './health/health-probe';
import { MikroOperationRepository } from './idempotency/mikro-operation.repository';
import { busRequester } from './bus-requester';
import { KafkaTransactionEvents } from './transactions/kafka-transaction-events';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const orm = await openDatabase(config);
  const brokers = config.STRATA_KAFKA_BROKERS.split(',').map((b) => b.trim());
  const bus = await busRequester(config, brokers);
  const transactionEvents = await KafkaTransactionEvents.start(config, brokers);
  const app = await createGateway(config, {
    requester: bus.requester,
    operations: new MikroOperationRepository(orm.em),
    tokenVerifier: new JwtTokenVerifier({
      issuer: config.STRATA_OIDC_ISSUER,
      audience: config.STRATA_OIDC_AUDIENCE,
      jwksUrl: config.STRATA_OIDC_JWKS_URL,
    }),
    probes: [databaseProbe(orm), kafkaProbe(brokers)],
    transactionEvents,
  });
  app.getHttpServer().once('close', () => {
    void Promise.allSettled([bus.close(), transactionEvents.close()]).finally(() => orm.close());
  });
  await app.listen(config.STRATA_HTTP_PORT, config.STRATA_HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
