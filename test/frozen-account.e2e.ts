/**
 * A signing account its organisation's master account froze on chain is refused at acceptance
 * (409 problem, nothing stored), while the organisation's other accounts keep working; the
 * freeze is the owners' 2-of-3 approved action sent through the ledger like any other.
 */
import { randomUUID } from 'node:crypto';
import { Wallet } from 'ethers';
import { Configuration, MasterAccountsApi, type MasterAccount } from '@strata/sdk';
import type { MasterAccountActionRequest } from '@strata/contracts';
import {
  masterAccountDomain,
  type MasterAccountAction as TypedAction,
  masterActionDigest,
} from '@strata/chain';
import { apiAs, problemOf } from './support/api';
import { eventually } from './support/eventually';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  waitForStatus,
} from './support/ledger';

const FAR = String(2n ** 40n);
const SINK = '0x000000000000000000000000000000000000f00d';

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

  const deployed = (): Promise<MasterAccount> =>
    eventually(async () => {
      const found = await api.getMasterAccount({ id: networkId });
      return found.status === 'deployed' ? found : undefined;
    }, 'the master account to be deployed');

  async function approved(action: MasterAccountActionRequest & { account: string }) {
    const { address } = await deployed();
    const typed: TypedAction = {
      kind: action.kind as 'authorise-account' | 'freeze-account',
      account: action.account,
      nonce: BigInt(action.nonce),
      deadline: BigInt(action.deadline),
    };
    const digest = masterActionDigest(masterAccountDomain(31337n, address ?? ''), typed);
    const signatures = owners.slice(0, 2).map((w) => w.signingKey.sign(digest).serialized);
    const record = await api.submitMasterAccountAction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitMasterAccountAction: { from, action, signatures },
    });
    return eventually(async () => {
      const read = await api.getMasterAccountAction({ id: networkId, actionId: record.id });
      return read.status !== 'submitted' ? read : undefined;
    }, `action ${record.id} to settle`);
  }

  const transfer = (account: string) =>
    member.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from: account, to: SINK, value: '1' },
    });

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
});
