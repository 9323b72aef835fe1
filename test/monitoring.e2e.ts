/**
 * Node monitoring and alerts end to end on the real stack: platform-mgmt polls each registered
 * node over JSON-RPC; an alert is raised (Kafka event, API, webhook) when a private anvil stops
 * producing blocks and resolved when it resumes; peers below the minimum through a fake Besu; a
 * stuck transaction from the ledger's event raises an alert that its mining resolves; figures on
 * /metrics; bad settings are refused with problem+json and nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { computeAddress, SigningKey } from 'ethers';
import fc from 'fast-check';
import {
  type AlertPageItemsInner as Alert,
  AuditorGrantsApi,
  Configuration,
  MonitoringApi,
  NodesApi,
} from '@strata/sdk';
import { createEnvelope, KafkaBus } from '@strata/bus';
import { LedgerTransactionTopics, MonitoringTopics, type Envelope } from '@strata/contracts';
import {
  createUser,
  decodeTokenClaims,
  FakeBesu,
  jsonRpc,
  passwordToken,
  readE2eRun,
  runningApp,
  startPrivateAnvil,
  type PrivateAnvil,
} from '@strata/testing';
import { apiAs, type Api, gatewayUrl, problemOf, raw, uniqueName } from './support/api';
import { runBus } from './support/bus-harness';
import { eventually } from './support/eventually';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

interface Client {
  api: Api;
  monitoring: MonitoringApi;
  nodes: NodesApi;
}

async function clientOf(username: string, password = 'strata'): Promise<Client> {
  const token = (await passwordToken(username, password)).accessToken;
  const configuration = new Configuration({
    basePath: gatewayUrl(),
    accessToken: async () => token,
  });
  return {
    api: await apiAs(username, password),
    monitoring: new MonitoringApi(configuration),
    nodes: new NodesApi(configuration),
  };
}

const nodeKey = () => {
  const key = new SigningKey(`0x${randomUUID().replace(/-/g, '').padEnd(64, '7')}`);
  return { publicKey: key.publicKey.slice(4), address: computeAddress(key.publicKey) };
};

describe('node monitoring and alerts', () => {
  let admin: Client;
  let organisationId: string;
  let anvil: PrivateAnvil;
  let webhook: WebhookReceiver;
  let bus: KafkaBus;
  const events: Envelope[] = [];

  async function networkWithNode(rpcUrl: string, address?: string) {
    const key = nodeKey();
    const network = await admin.api.networks.registerNetwork({
      registerNetwork: {
        name: uniqueName('Monitored network'),
        memberOrganisationIds: [organisationId],
        rpcUrl: readE2eRun().anvilRpcUrl,
      },
    });
    const node = await admin.nodes.joinNode({
      id: network.id,
      joinNode: {
        name: `node-${randomUUID().slice(0, 8)}`,
        organisationId,
        role: 'member',
        enode: `enode://${key.publicKey}@monitored.example.org:30303`,
        endpoints: { rpcUrl: address ? `${rpcUrl}/nodes/${address.toLowerCase()}` : rpcUrl },
      },
    });
    return { networkId: network.id, nodeId: node.id };
  }

  const alertsOf = async (networkId: string, status?: 'open' | 'resolved'): Promise<Alert[]> =>
    (await admin.monitoring.listAlerts({ id: networkId, status, limit: 100 })).items;

  beforeAll(async () => {
    admin = await clientOf('admin');
    organisationId = (
      await admin.api.organisations.registerOrganisation({
        registerOrganisation: { name: uniqueName('Monitoring institution'), country: 'LU' },
      })
    ).id;
    anvil = await startPrivateAnvil(['--block-time', '1']);
    webhook = await startWebhookReceiver();
    bus = await runBus('ledger');
    const topics = [MonitoringTopics.alertRaised, MonitoringTopics.alertResolved];
    await bus.ensureTopics(topics);
    const consumer = bus.consumer(`monitoring-e2e-${randomUUID()}`);
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => bus.wireName(t)), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        events.push(JSON.parse(message.value?.toString('utf8') ?? '{}') as Envelope);
      },
    });
    afterAllClosers.push(() => consumer.disconnect());
  });

  const afterAllClosers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of afterAllClosers) await close().catch(() => undefined);
    await bus?.disconnect();
    await anvil?.stop();
    await webhook?.stop();
  });

  it('raises no-new-blocks when the chain stops producing blocks and resolves it when blocks resume: Kafka events, API and webhook', async () => {
    const { networkId, nodeId } = await networkWithNode(anvil.rpcUrl);
    const settings = await admin.monitoring.configureMonitoring({
      id: networkId,
      idempotencyKey: randomUUID(),
      configureMonitoring: {
        blockPeriodSeconds: 1,
        noBlockPeriods: 3,
        minPeers: 0,
        maxLagBlocks: 10,
        webhookUrls: [webhook.url],
      },
    });
    expect(settings).toMatchObject({
      networkId,
      blockPeriodSeconds: 1,
      webhookUrls: [webhook.url],
    });

    const healthy = await eventually(async () => {
      const health = await admin.monitoring.getNetworkHealth({ id: networkId });
      const node = health.nodes.find((n) => n.nodeId === nodeId);
      return node?.reachable && (node.blockNumber ?? 0) > 0 ? health : undefined;
    }, 'the node to be observed');
    expect(healthy.headBlock).toBeGreaterThan(0);
    const node = await admin.monitoring.getNodeHealth({ id: networkId, nodeId });
    expect(node).toMatchObject({ reachable: true, peerCount: null, syncing: false, lagBlocks: 0 });
    expect(await alertsOf(networkId, 'open')).toEqual([]);

    await jsonRpc(anvil.rpcUrl, 'evm_setIntervalMining', [0]);
    const raised = await eventually(
      async () => (await alertsOf(networkId, 'open')).find((a) => a.kind === 'no-new-blocks'),
      'a no-new-blocks alert',
    );
    expect(raised).toMatchObject({ subject: networkId, nodeId: null, status: 'open' });

    await jsonRpc(anvil.rpcUrl, 'evm_setIntervalMining', [1]);
    const resolved = await eventually(
      async () => (await alertsOf(networkId, 'resolved')).find((a) => a.id === raised.id),
      'the no-new-blocks alert to be resolved',
    );
    expect(resolved.resolvedAt).not.toBeNull();

    const onKafka = await eventually(() => {
      const mine = events
        .filter((e) => (e.payload as { id?: string }).id === raised.id)
        .map((e) => e.type);
      return mine.length >= 2 ? mine : undefined;
    }, 'the raised and resolved events on Kafka');
    // Two topics: Kafka orders messages per partition only, so compare as sets.
    expect(new Set(onKafka)).toEqual(
      new Set([MonitoringTopics.alertRaised, MonitoringTopics.alertResolved]),
    );
    const posted = await eventually(() => {
      const mine = webhook.received.filter(
        (r) => (r.body.alert as { id?: string } | undefined)?.id === raised.id,
      );
      return mine.length >= 2 ? mine : undefined;
    }, 'both webhook deliveries');
    expect(posted.map((r) => r.body.event)).toEqual(['alert-raised', 'alert-resolved']);
    expect(posted[0].headers['x-strata-delivery']).toEqual(expect.any(String));

    const metrics = await (await fetch(`${runningApp('platform-mgmt').url}/metrics`)).text();
    for (const name of [
      'strata_node_block_height',
      'strata_node_up',
      'strata_node_lag_blocks',
      'strata_node_seconds_since_last_block',
      'strata_network_head_block',
    ]) {
      expect(metrics).toMatch(new RegExp(`^${name}\\{[^}]*network="${networkId}"`, 'm'));
    }
  });

  it('raises peers-below-minimum for a Besu node with too few peers and resolves it when peers return', async () => {
    const validator = nodeKey().address;
    const besu = new FakeBesu([validator]);
    const besuUrl = await besu.start();
    afterAllClosers.push(() => besu.stop());
    besu.setPeerCount(validator, 1);
    const { networkId, nodeId } = await networkWithNode(besuUrl, validator);
    await admin.monitoring.configureMonitoring({
      id: networkId,
      idempotencyKey: randomUUID(),
      configureMonitoring: { blockPeriodSeconds: 600, minPeers: 3 },
    });
    const raised = await eventually(
      async () => (await alertsOf(networkId, 'open')).find((a) => a.kind === 'peers-below-minimum'),
      'a peers-below-minimum alert',
    );
    expect(raised).toMatchObject({ subject: nodeId, nodeId });
    expect((await admin.monitoring.getNodeHealth({ id: networkId, nodeId })).peerCount).toBe(1);

    besu.setPeerCount(validator, 4);
    await eventually(
      async () => (await alertsOf(networkId, 'resolved')).some((a) => a.id === raised.id),
      'the peers alert to be resolved',
    );
  });

  it("raises transaction-stuck from the ledger's stuck event and resolves it when the transaction is mined", async () => {
    const { networkId } = await networkWithNode(anvil.rpcUrl);
    const now = new Date().toISOString();
    const transaction = {
      id: randomUUID(),
      networkId,
      organisationId,
      kind: 'transfer',
      from: nodeKey().address,
      to: nodeKey().address,
      value: '1',
      nonce: 7,
      gasLimit: '21000',
      status: 'stuck',
      hash: null,
      attempts: 5,
      blockNumber: null,
      contractAddress: null,
      failureReason: 'replacement fee too low',
      createdAt: now,
      updatedAt: now,
    };
    const publish = (status: 'stuck' | 'mined') =>
      bus.publish([
        {
          topic: LedgerTransactionTopics.transitioned(status),
          key: transaction.id,
          envelope: createEnvelope({
            type: LedgerTransactionTopics.transitioned(status),
            payload: { ...transaction, status, blockNumber: status === 'mined' ? 12 : null },
          }),
        },
      ]);
    await publish('stuck');
    const raised = await eventually(
      async () => (await alertsOf(networkId, 'open')).find((a) => a.kind === 'transaction-stuck'),
      'a transaction-stuck alert',
    );
    expect(raised.subject).toBe(transaction.id);
    expect(raised.detail).toContain('replacement fee too low');
    await publish('mined');
    await eventually(
      async () => (await alertsOf(networkId, 'resolved')).some((a) => a.id === raised.id),
      'the transaction-stuck alert to be resolved',
    );
  });

  it('refuses bad settings with problem+json and keeps the stored ones; readers are scoped by role and membership', async () => {
    const { networkId } = await networkWithNode(anvil.rpcUrl);
    const stored = await admin.monitoring.configureMonitoring({
      id: networkId,
      idempotencyKey: randomUUID(),
      configureMonitoring: { minPeers: 2, webhookUrls: ['https://alerts.example.org/hook'] },
    });
    const path = `/api/v1/networks/${networkId}/monitoring/settings`;
    const badBodies = [
      { webhookUrls: ['ftp://alerts.example.org/hook'] },
      { webhookUrls: ['https://user:secret@alerts.example.org/hook'] },
      { webhookUrls: ['https://a.example.org', 'https://a.example.org'] },
      // Not a public address: alerts must not become requests into the operator's network.
      { webhookUrls: ['https://alerts.example.org/hook', 'http://169.254.169.254/latest'] },
      { minPeers: -1 },
      { noBlockPeriods: 0 },
      { unknown: true },
    ];
    for (const body of badBodies) {
      const refused = await raw(admin.api, 'PUT', path, body, { 'idempotency-key': randomUUID() });
      expect(refused.status).toBe(400);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ maxLagBlocks: fc.oneof(fc.integer({ max: 0 }), fc.string()) }),
          fc.record({
            webhookUrls: fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 3 }),
          }),
          fc.record({ blockPeriodSeconds: fc.oneof(fc.integer({ min: 601 }), fc.constant(0)) }),
        ),
        async (body) => {
          const answer = await raw(admin.api, 'PUT', path, body, {
            'idempotency-key': randomUUID(),
          });
          expect(answer.status).toBe(400);
        },
      ),
      { numRuns: 15 },
    );
    expect(await admin.monitoring.getMonitoringSettings({ id: networkId })).toEqual(stored);

    const unknown = await problemOf(
      admin.monitoring.configureMonitoring({
        id: randomUUID(),
        idempotencyKey: randomUUID(),
        configureMonitoring: {},
      }),
    );
    expect(unknown.status).toBe(404);
    const auditor = await clientOf('auditor');
    const forbidden = await problemOf(
      auditor.monitoring.configureMonitoring({
        id: networkId,
        idempotencyKey: randomUUID(),
        configureMonitoring: {},
      }),
    );
    expect(forbidden.status).toBe(403);
    expect((await problemOf(auditor.monitoring.getNetworkHealth({ id: networkId }))).status).toBe(
      403,
    );
    await new AuditorGrantsApi(
      new Configuration({ basePath: gatewayUrl(), accessToken: async () => admin.api.token }),
    ).grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: {
        auditorSubject: decodeTokenClaims(auditor.api.token).sub ?? '',
        networkIds: [networkId],
        expiresAt: new Date(Date.now() + 600_000),
      },
    });
    expect((await auditor.monitoring.getNetworkHealth({ id: networkId })).networkId).toBe(
      networkId,
    );

    const outsiderOrg = (
      await admin.api.organisations.registerOrganisation({
        registerOrganisation: { name: uniqueName('Outsider'), country: 'LU' },
      })
    ).id;
    const username = `mon-${randomUUID().slice(0, 8)}`;
    await createUser({
      username,
      password: 'strata-test',
      roles: ['institution-admin'],
      organisationId: outsiderOrg,
    });
    const outsider = await clientOf(username, 'strata-test');
    expect((await problemOf(outsider.monitoring.getNetworkHealth({ id: networkId }))).status).toBe(
      404,
    );
  });
});
