/**
 * A signing account its organisation's master account froze on chain is refused at acceptance
 * (409 problem, nothing stored), while the organisation's other accounts keep working; the
 * freeze is the owners' 2-of-3 approved action sent through the ledger like any other. A
 * transaction accepted before the freeze is not signed after it: it fails with `account-frozen`
 * and its nonce is released, so the account's next transaction (once authorised again) is mined.
 */
import { randomUUID } from 'node:crypto';
import { JsonRpcProvider, Wallet } from 'ethers';
import { Configuration, MasterAccountsApi, type MasterAccount } from '@strata/sdk';
import type { MasterAccountActionRequest } from '@strata/contracts';
import { LedgerTransactionTopics } from '@strata/contracts';
import type { PrivateAnvil } from '@strata/testing';
import {
  masterAccountInterface,
  masterAccountDomain,
  type MasterAccountAction as TypedAction,
  masterActionDigest,
} from '@strata/chain';
import { apiAs, problemOf } from './support/api';
import { eventually } from './support/eventually';
import { type EventTap, tapEvents } from './support/kafka-events';
import { type GatedAnvil, type RpcGate, startGatedAnvil } from './support/rpc-gate';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  submitTransfer,
  waitForStatus,
} from './support/ledger';

const FAR = String(2n ** 40n);
const SINK = '0x000000000000000000000000000000000000f00d';
const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('a signing account frozen by the master account', () => {
  let member: Member;
  let api: MasterAccountsApi;
  let networkId: string;
  let from: string;
  let hot: string;
  const owners = [0, 1, 2].map(() => new Wallet(Wallet.createRandom().privateKey));

  beforeAll(async () => {
    const admin = await apiAs('admin');
    member = await memberWithRole(admin);
    api = new MasterAccountsApi(
      new Configuration({
        basePath: member.api.baseUrl,
        accessToken: async () => member.api.token,
      }),
    );
    networkId = await anvilNetwork(admin, [member.organisationId]);
    from = await signingAccount(member, networkId);
    hot = await signingAccount(member, networkId);
  }, 120_000);

  const deployed = (network = networkId): Promise<MasterAccount> =>
    eventually(async () => {
      const found = await api.getMasterAccount({ id: network });
      return found.status === 'deployed' ? found : undefined;
    }, 'the master account to be deployed');

  /** The owners' 2-of-3 signatures of `action` for the master account at `address`. */
  function signed(action: MasterAccountActionRequest & { account: string }, address: string) {
    const typed: TypedAction = {
      kind: action.kind as 'authorise-account' | 'freeze-account',
      account: action.account,
      nonce: BigInt(action.nonce),
      deadline: BigInt(action.deadline),
    };
    const digest = masterActionDigest(masterAccountDomain(31337n, address), typed);
    // The contract wants the signatures in ascending signer order (the ledger sorts them too).
    return owners
      .slice(0, 2)
      .sort((a, b) => a.address.toLowerCase().localeCompare(b.address.toLowerCase()))
      .map((w) => w.signingKey.sign(digest).serialized);
  }

  async function approved(
    action: MasterAccountActionRequest & { account: string },
    network = networkId,
    sender = from,
  ) {
    const { address } = await deployed(network);
    const record = await api.submitMasterAccountAction({
      id: network,
      idempotencyKey: randomUUID(),
      submitMasterAccountAction: {
        from: sender,
        action,
        signatures: signed(action, address ?? ''),
      },
    });
    return eventually(async () => {
      const read = await api.getMasterAccountAction({ id: network, actionId: record.id });
      return read.status !== 'submitted' ? read : undefined;
    }, `action ${record.id} to settle`);
  }

  const transfer = (account: string, network = networkId) =>
    submitTransfer(member, network, { from: account, to: SINK, value: '1' });

  it('refuses a transaction from the frozen account with a 409 problem and stores nothing', async () => {
    await api.deployMasterAccount({
      id: networkId,
      idempotencyKey: randomUUID(),
      deployMasterAccount: { from, owners: owners.map((o) => o.address), threshold: 2 },
    });
    await deployed();
    const authorise = { kind: 'authorise-account', account: hot, nonce: '1', deadline: FAR };
    expect((await approved(authorise as never)).status).toBe('confirmed');
    const before = await transfer(hot);
    await waitForStatus(member, networkId, before.id, ['confirmed']);

    const freeze = { kind: 'freeze-account', account: hot, nonce: '2', deadline: FAR };
    expect((await approved(freeze as never)).status).toBe('confirmed');
    const count = (await allTransactions(member, networkId)).length;

    const refused = await problemOf(transfer(hot));
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.problem).toMatchObject({ type: 'urn:strata:problem:account-frozen' });
    expect(String(refused.problem.detail)).toContain('frozen');
    expect(String(refused.problem.detail)).toContain(hot);
    expect((await allTransactions(member, networkId)).length).toBe(count);

    // The organisation's other account is not affected.
    const other = await transfer(from);
    await waitForStatus(member, networkId, other.id, ['confirmed']);
  }, 240_000);

  describe('a transaction accepted before the freeze', () => {
    let anvil: PrivateAnvil;
    let gate: RpcGate;
    let gated: GatedAnvil;
    let tap: EventTap;
    let network: string;
    let sender: string;
    let held: string;

    beforeAll(async () => {
      tap = await tapEvents([LedgerTransactionTopics.transitioned('failed')]);
      gated = await startGatedAnvil();
      ({ anvil, gate } = gated);
      network = await anvilNetwork(await apiAs('admin'), [member.organisationId], gate.url);
      sender = await signingAccount(member, network, anvil.rpcUrl);
      held = await signingAccount(member, network, anvil.rpcUrl);
    }, 120_000);

    afterAll(async () => {
      await tap?.close();
      await gated?.stop();
    });

    /** Sends the owners' action straight to the contract (the ledger's signing is held). */
    async function onChain(
      method: 'freezeAccount' | 'authoriseAccount',
      action: MasterAccountActionRequest & { account: string },
    ) {
      const { address } = await deployed(network);
      const wallet = new Wallet(ANVIL_DEV_KEY, new JsonRpcProvider(anvil.rpcUrl));
      const data = masterAccountInterface.encodeFunctionData(method, [
        action.account,
        action.nonce,
        action.deadline,
        signed(action, address ?? ''),
      ]);
      const sent = await wallet.sendTransaction({ to: address ?? '', data });
      expect((await sent.wait())?.status).toBe(1);
    }

    it('is failed with account-frozen instead of being signed, and its nonces are released', async () => {
      await api.deployMasterAccount({
        id: network,
        idempotencyKey: randomUUID(),
        deployMasterAccount: { from: sender, owners: owners.map((o) => o.address), threshold: 2 },
      });
      await deployed(network);
      const authorise = { kind: 'authorise-account', account: held, nonce: '1', deadline: FAR };
      expect((await approved(authorise as never, network, sender)).status).toBe('confirmed');
      const first = await transfer(held, network);
      await waitForStatus(member, network, first.id, ['confirmed']);
      const base = Number(first.nonce);

      // The submitter cannot price while the gate refuses eth_gasPrice: both stay accepted.
      gate.close(['eth_gasPrice']);
      const accepted = [await transfer(held, network), await transfer(held, network)];
      expect(accepted.map((tx) => tx.nonce)).toEqual([base + 1, base + 2]);
      for (const tx of accepted) {
        expect((await member.tx.getTransaction({ id: network, txId: tx.id })).status).toBe(
          'accepted',
        );
      }
      await onChain('freezeAccount', {
        kind: 'freeze-account',
        account: held,
        nonce: '2',
        deadline: FAR,
      } as never);
      gate.open();

      for (const tx of accepted) {
        const failed = await waitForStatus(member, network, tx.id, ['failed']);
        expect(failed.hash).toBeNull();
        expect(failed.nonce).toBeNull();
        expect(failed.failureReason).toMatch(/^account-frozen: /);
        expect(failed.failureReason).toContain(held);
        expect(failed.failureReason).toContain('frozen');
      }
      await eventually(
        async () =>
          accepted.every((tx) => tap.events.some((e) => e.payload.id === tx.id)) || undefined,
        'the failures to be published',
      );

      // Authorised again, the account's next transaction takes the first released nonce and is
      // mined: no hole was left in its sequence.
      await onChain('authoriseAccount', {
        kind: 'authorise-account',
        account: held,
        nonce: '3',
        deadline: FAR,
      } as never);
      const next = await transfer(held, network);
      expect(next.nonce).toBe(base + 1);
      await waitForStatus(member, network, next.id, ['confirmed']);
    }, 300_000);
  });
});
