/**
 * Organisation master accounts end to end on the real stack, through the generated SDK:
 * gateway -> Kafka -> ledger, which deploys the M-of-N multisig and submits owner-approved
 * actions through its transaction manager to the run's anvil; outcomes are read back through the
 * API, from the chain, and from the events the ledger publishes through its outbox.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { Interface, Wallet } from 'ethers';
import {
  Configuration,
  MasterAccountsApi,
  type MasterAccount,
  type MasterAccountAction,
} from '@strata/sdk';
import { KafkaBus } from '@strata/bus';
import { type MasterAccountActionRequest, MasterAccountTopics } from '@strata/contracts';
import {
  masterAccountDomain,
  type MasterAccountAction as TypedAction,
  masterActionDigest,
  OrganisationMasterAccountArtifact,
} from '@strata/chain';
import { jsonRpc, readE2eRun } from '@strata/testing';
import { apiAs, type Api, problemOf } from './support/api';
import { runBus } from './support/bus-harness';
import { eventually } from './support/eventually';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
} from './support/ledger';

const contract = new Interface(OrganisationMasterAccountArtifact.abi);
const FAR = String(2n ** 40n);

function typed(action: MasterAccountActionRequest): TypedAction {
  const common = { nonce: BigInt(action.nonce), deadline: BigInt(action.deadline) };
  switch (action.kind) {
    case 'authorise-account':
    case 'freeze-account':
      return { kind: action.kind, account: action.account, ...common };
    case 'replace-account':
      return {
        kind: action.kind,
        account: action.account,
        replacement: action.replacement,
        ...common,
      };
    case 'change-owners':
      return {
        kind: action.kind,
        owners: action.owners,
        threshold: BigInt(action.threshold),
        ...common,
      };
  }
}

describe('organisation master account, end to end', () => {
  let bus: KafkaBus;
  let consumer: Consumer | undefined;
  let admin: Api;
  let member: Member;
  let api: MasterAccountsApi;
  let networkId: string;
  let from: string;
  const owners = [0, 1, 2].map(() => new Wallet(Wallet.createRandom().privateKey));
  /** The ledger's master-account events, as published through its outbox. */
  const events: { type: string; payload: { id: string; address?: string; status?: string } }[] = [];

  const published = (type: string, id: string) =>
    eventually(
      () => events.find((e) => e.type === type && e.payload.id === id),
      `${type} for ${id}`,
    );
  const isAuthorised = async (master: string, account: string) =>
    BigInt(
      await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_call', [
        { to: master, data: contract.encodeFunctionData('isAuthorised', [account]) },
        'latest',
      ]),
    ) === 1n;

  async function listen(topics: string[]): Promise<void> {
    bus = await runBus('gateway');
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

  beforeAll(async () => {
    await listen([
      MasterAccountTopics.masterAccountDeployed,
      MasterAccountTopics.masterAccountActionSettled,
    ]);
    admin = await apiAs('admin');
    member = await memberWithRole(admin);
    api = new MasterAccountsApi(
      new Configuration({
        basePath: member.api.baseUrl,
        accessToken: async () => member.api.token,
      }),
    );
    networkId = await anvilNetwork(admin, [member.organisationId]);
    from = await signingAccount(member, networkId);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await bus?.disconnect();
  });

  const deployed = (): Promise<MasterAccount> =>
    eventually(async () => {
      const found = await api.getMasterAccount({ id: networkId });
      return found.status === 'deployed' ? found : undefined;
    }, 'the master account to be deployed');

  async function submit(
    action: MasterAccountActionRequest,
    signers: Wallet[],
  ): Promise<MasterAccountAction> {
    const { address } = await deployed();
    const digest = masterActionDigest(masterAccountDomain(31337n, address ?? ''), typed(action));
    const signatures = signers.map((w) => w.signingKey.sign(digest).serialized);
    return api.submitMasterAccountAction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitMasterAccountAction: { from, action, signatures },
    });
  }

  const settled = (id: string): Promise<MasterAccountAction> =>
    eventually(async () => {
      const record = await api.getMasterAccountAction({ id: networkId, actionId: id });
      return record.status !== 'submitted' ? record : undefined;
    }, `action ${id} to settle`);

  it('deploys the 2-of-3 master account through the transaction manager and records its address', async () => {
    const body = { from, owners: owners.map((o) => o.address), threshold: 2 };
    const accepted = await api.deployMasterAccountRaw({
      id: networkId,
      idempotencyKey: randomUUID(),
      deployMasterAccount: body,
    });
    expect(accepted.raw.status).toBe(202);
    expect((await accepted.value()).status).toBe('deploying');
    const account = await deployed();
    expect(account.owners).toEqual(owners.map((o) => o.address));
    const event = await published(MasterAccountTopics.masterAccountDeployed, account.id);
    expect(event.payload.address).toBe(account.address);
    const deployment = (await allTransactions(member, networkId)).find(
      (tx) => tx.id === account.deploymentTransactionId,
    );
    expect(deployment).toMatchObject({
      kind: 'deploy',
      status: 'confirmed',
      contractAddress: account.address,
    });
    const again = await problemOf(
      api.deployMasterAccount({
        id: networkId,
        idempotencyKey: randomUUID(),
        deployMasterAccount: body,
      }),
    );
    expect(again.status).toBe(409);
  });

  it('authorises an operational account with two owner approvals, freezes it, then rotates it', async () => {
    const { address } = await deployed();
    const [hot, next] = [Wallet.createRandom().address, Wallet.createRandom().address];
    const authorised = await submit(
      { kind: 'authorise-account', account: hot, nonce: '1', deadline: FAR },
      owners.slice(0, 2),
    );
    expect((await settled(authorised.id)).status).toBe('confirmed');
    expect([...authorised.signers].sort()).toEqual(
      owners
        .slice(0, 2)
        .map((o) => o.address)
        .sort(),
    );
    expect(await isAuthorised(address ?? '', hot)).toBe(true);
    const event = await published(MasterAccountTopics.masterAccountActionSettled, authorised.id);
    expect(event.payload.status).toBe('confirmed');

    const frozen = await submit(
      { kind: 'freeze-account', account: hot, nonce: '2', deadline: FAR },
      owners.slice(1),
    );
    expect((await settled(frozen.id)).status).toBe('confirmed');
    expect(await isAuthorised(address ?? '', hot)).toBe(false);

    const replaced = await submit(
      { kind: 'replace-account', account: hot, replacement: next, nonce: '3', deadline: FAR },
      [owners[0], owners[2]],
    );
    expect((await settled(replaced.id)).status).toBe('confirmed');
    expect(await isAuthorised(address ?? '', next)).toBe(true);
    expect(await isAuthorised(address ?? '', hot)).toBe(false);
  });

  it('refuses one approval, a replayed nonce, malformed signatures and a wrong role, storing nothing', async () => {
    const before = (await allTransactions(member, networkId)).length;
    const hot = Wallet.createRandom().address;
    const one = await problemOf(
      submit(
        { kind: 'authorise-account', account: hot, nonce: '10', deadline: FAR },
        owners.slice(0, 1),
      ),
    );
    expect(one).toMatchObject({
      status: 422,
      problem: { type: 'urn:strata:problem:not-enough-approvals' },
    });
    const replay = await problemOf(
      submit(
        { kind: 'authorise-account', account: hot, nonce: '1', deadline: FAR },
        owners.slice(0, 2),
      ),
    );
    expect(replay.status).toBe(422);
    const malformed = await problemOf(
      api.submitMasterAccountAction({
        id: networkId,
        idempotencyKey: randomUUID(),
        submitMasterAccountAction: {
          from,
          action: { kind: 'authorise-account', account: hot, nonce: '11', deadline: FAR },
          signatures: ['0x1234'],
        },
      }),
    );
    expect(malformed.status).toBe(400);
    const operator = await memberWithRole(admin, 'operator');
    const operatorApi = new MasterAccountsApi(
      new Configuration({
        basePath: operator.api.baseUrl,
        accessToken: async () => operator.api.token,
      }),
    );
    const forbidden = await problemOf(
      operatorApi.deployMasterAccount({
        id: networkId,
        idempotencyKey: randomUUID(),
        deployMasterAccount: { from, owners: [owners[0].address], threshold: 1 },
      }),
    );
    expect(forbidden.status).toBe(403);
    expect((await allTransactions(member, networkId)).length).toBe(before);
  });
});
