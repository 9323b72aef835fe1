/**
 * The local stack itself: Keycloak issues the tokens the gateway expects, Kafka round-trips a
 * message, anvil mines blocks. If this fails, every other e2e test would fail for the same reason.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  ANVIL_CHAIN_ID,
  LOCAL_REALM,
  clientCredentialsToken,
  jsonRpc,
  passwordToken,
  readE2eRun,
} from '@strata/testing';

const run = readE2eRun();
// A freshly started Keycloak answers its first token request slowly on 2 cores.
jest.setTimeout(60_000);

describe('local stack', () => {
  it('issues a password-grant token for institution with roles, gateway audience and organisation', async () => {
    const { claims } = await passwordToken('institution', LOCAL_REALM.demoPassword);

    expect(claims.iss).toBe('http://localhost:18080/realms/strata');
    expect([claims.aud].flat()).toContain('strata-gateway');
    expect(claims.realm_access?.roles).toContain('institution-admin');
    expect(claims.preferred_username).toBe('institution');
    expect(claims.organisation_id).toBe(LOCAL_REALM.demoOrganisationId);
  });

  it('issues a client-credentials token for strata-automation carrying platform-admin', async () => {
    const { clientId, secret } = LOCAL_REALM.automationClient;
    const { claims } = await clientCredentialsToken(clientId, secret);

    expect(claims.realm_access?.roles).toContain('platform-admin');
    expect([claims.aud].flat()).toContain('strata-gateway');
  });

  it('round-trips a message through Kafka under the run topic prefix', async () => {
    const kafka = new Kafka({
      clientId: 'stack-e2e',
      brokers: [run.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    const topic = `${run.topicPrefix}stack.roundtrip.v1`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `stack-e2e-${randomUUID()}` });
    const value = randomUUID();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<string>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => Promise.resolve(resolve(String(message.value))),
        });
      });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'stack', value }] });

      await expect(received).resolves.toBe(value);
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });

  it('answers JSON-RPC on anvil with the local chain id and a block number', async () => {
    expect(Number(await jsonRpc<string>(run.anvilRpcUrl, 'eth_chainId'))).toBe(ANVIL_CHAIN_ID);
    await jsonRpc(run.anvilRpcUrl, 'anvil_mine', ['0x1']);
    expect(
      Number(await jsonRpc<string>(run.anvilRpcUrl, 'eth_blockNumber')),
    ).toBeGreaterThanOrEqual(1);
  });
});
