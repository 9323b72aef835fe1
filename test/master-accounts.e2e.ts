/**
 * Organisation master accounts end to end on the real stack: commands over Kafka to the ledger,
 * which deploys the M-of-N multisig and submits owner-approved actions through its transaction
 * manager to the run's anvil; the outcome is read back from the ledger and from the chain.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import pino from 'pino';
import { Interface, Wallet } from 'ethers';
import { KafkaBus, KafkaRequester } from '@strata/bus';
import {
  type Actor,
  type MasterAccount,
  type MasterAccountActionRecord,
  type MasterAccountActionRequest,
  MasterAccountTopics,
  type Reply,
} from '@strata/contracts';
import {
  masterAccountDomain,
  masterActionDigest,
  OrganisationMasterAccountArtifact,
} from '@strata/chain';
import { jsonRpc, readE2eRun } from '@strata/testing';
import { apiAs } from './support/api';
import { eventually } from './support/eventually';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
} from './support/ledger';

const master = new Interface(OrganisationMasterAccountArtifact.abi);
const FAR = String(2n ** 40n);

describe('organisation master account through the ledger', () => {
  let bus: KafkaBus;
  let requester: KafkaRequester;
  let member: Member;
  let actor: Actor;
  let networkId: string;
  let from: string;
  const owners = [0, 1, 2].map(() => new Wallet(Wallet.createRandom().privateKey));

  const send = async <R>(topic: string, payload: unknown): Promise<Reply<R>> =>
    requester.request<R>(
      topic,
      { id: randomUUID(), key: actor.organisationId ?? '', payload, actor },
      30_000,
    );
  const query = async <R>(payload: unknown): Promise<R | undefined> => {
    const reply = await send<R>(MasterAccountTopics.queries, payload);
    return reply.ok ? reply.result : undefined;
  };
  const isAuthorised = async (address: string, account: string) =>
    BigInt(
      await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_call', [
        { to: address, data: master.encodeFunctionData('isAuthorised', [account]) },
        'latest',
      ]),
    ) === 1n;

  /** The ledger's master-account events, as published through its outbox. */
  const events: { type: string; payload: { id: string; address?: string; status?: string } }[] = [];
  let consumer: Consumer | undefined;
  async function listen(topics: string[]): Promise<void> {
    await bus.ensureTopics(topics);
    consumer = bus.consumer(`master-accounts-e2e-${randomUUID()}`);
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => bus.wireName(t)), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        events.push(JSON.parse(message.value?.toString('utf8') ?? '{}') as (typeof events)[number]);
      },
    });
  }
  const published = (type: string, id: string) =>
    eventually(
      () => events.find((e) => e.type === type && e.payload.id === id),
      `${type} for ${id}`,
    );

  beforeAll(async () => {
    const run = readE2eRun();
    bus = new KafkaBus(
      {
        app: 'gateway',
        brokers: run.kafkaBrokers.split(','),
        topicPrefix: run.topicPrefix,
        instanceId: randomUUID(),
      },
      pino({ level: 'silent' }),
    );
    await bus.connect();
    requester = new KafkaRequester(bus, pino({ level: 'silent' }), 30_000);
    await requester.start();
    await listen([
      MasterAccountTopics.masterAccountDeployed,
      MasterAccountTopics.masterAccountActionSettled,
    ]);
    const admin = await apiAs('admin');
    member = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [member.organisationId]);
    from = await signingAccount(member, networkId);
    actor = {
      subject: randomUUID(),
      roles: ['institution-admin'],
      organisationId: member.organisationId,
    };
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await requester?.stop();
    await bus?.disconnect();
  });

  async function deployed(): Promise<MasterAccount> {
    return eventually(async () => {
      const found = await query<MasterAccount>({ query: 'get-master-account', networkId });
      return found?.status === 'deployed' ? found : undefined;
    }, 'the master account to be deployed');
  }

  async function submitted(
    action: Extract<MasterAccountActionRequest, { kind: 'authorise-account' | 'freeze-account' }>,
    signers: Wallet[],
    address: string,
  ) {
    const typed = {
      kind: action.kind,
      account: action.account,
      nonce: BigInt(action.nonce),
      deadline: BigInt(action.deadline),
    };
    const digest = masterActionDigest(masterAccountDomain(31337n, address), typed);
    const signatures = signers.map((w) => w.signingKey.sign(digest).serialized);
    return send<MasterAccountActionRecord>(MasterAccountTopics.submitMasterAccountAction, {
      networkId,
      submission: { from, action, signatures },
    });
  }

  async function settled(id: string): Promise<MasterAccountActionRecord> {
    return eventually(async () => {
      const record = await query<MasterAccountActionRecord>({
        query: 'get-master-account-action',
        networkId,
        id,
      });
      return record && record.status !== 'submitted' ? record : undefined;
    }, `action ${id} to settle`);
  }

  it('deploys the 2-of-3 master account through the transaction manager and records its address', async () => {
    const reply = await send<MasterAccount>(MasterAccountTopics.deployMasterAccount, {
      networkId,
      masterAccount: { from, owners: owners.map((o) => o.address), threshold: 2 },
    });
    expect(reply.ok).toBe(true);
    const account = await deployed();
    expect(account.owners).toEqual(owners.map((o) => o.address));
    const event = await published(MasterAccountTopics.masterAccountDeployed, account.id);
    expect(event.payload.address).toBe(account.address);
    const transactions = await allTransactions(member, networkId);
    const deployment = transactions.find((tx) => tx.id === account.deploymentTransactionId);
    expect(deployment).toMatchObject({
      kind: 'deploy',
      status: 'confirmed',
      contractAddress: account.address,
    });
    const again = await send(MasterAccountTopics.deployMasterAccount, {
      networkId,
      masterAccount: { from, owners: owners.map((o) => o.address), threshold: 2 },
    });
    expect(again).toMatchObject({ ok: false, problem: { status: 409 } });
  });

  it('authorises an operational account with two owner approvals and freezes it again', async () => {
    const { address } = await deployed();
    const hot = Wallet.createRandom().address;
    const authorise = {
      kind: 'authorise-account' as const,
      account: hot,
      nonce: '1',
      deadline: FAR,
    };
    const reply = await submitted(authorise, owners.slice(0, 2), address ?? '');
    if (!reply.ok) throw new Error(JSON.stringify(reply.problem));
    const record = await settled(reply.result.id);
    expect(record.status).toBe('confirmed');
    expect(record.signers.sort()).toEqual(
      owners
        .slice(0, 2)
        .map((o) => o.address)
        .sort(),
    );
    expect(await isAuthorised(address ?? '', hot)).toBe(true);
    const settledEvent = await published(MasterAccountTopics.masterAccountActionSettled, record.id);
    expect(settledEvent.payload.status).toBe('confirmed');

    const freeze = { kind: 'freeze-account' as const, account: hot, nonce: '2', deadline: FAR };
    const frozen = await submitted(freeze, owners.slice(1), address ?? '');
    if (!frozen.ok) throw new Error(JSON.stringify(frozen.problem));
    expect((await settled(frozen.result.id)).status).toBe('confirmed');
    expect(await isAuthorised(address ?? '', hot)).toBe(false);
  });

  it('refuses one approval, a replayed nonce and a wrong role before any transaction exists', async () => {
    const { address } = await deployed();
    const before = (await allTransactions(member, networkId)).length;
    const hot = Wallet.createRandom().address;
    const one = await submitted(
      { kind: 'authorise-account', account: hot, nonce: '10', deadline: FAR },
      owners.slice(0, 1),
      address ?? '',
    );
    expect(one).toMatchObject({
      ok: false,
      problem: { status: 422, code: 'not-enough-approvals' },
    });
    const replay = await submitted(
      { kind: 'authorise-account', account: hot, nonce: '1', deadline: FAR },
      owners.slice(0, 2),
      address ?? '',
    );
    expect(replay).toMatchObject({ ok: false, problem: { status: 422 } });
    const operator = await requester.request(
      MasterAccountTopics.deployMasterAccount,
      {
        id: randomUUID(),
        key: 'x',
        payload: { networkId, masterAccount: { from, owners: [owners[0].address], threshold: 1 } },
        actor: { ...actor, roles: ['operator'] },
      },
      30_000,
    );
    expect(operator).toMatchObject({ ok: false, problem: { status: 403 } });
    expect((await allTransactions(member, networkId)).length).toBe(before);
  });
});
