/** The JSON-RPC ConsensusAdmin against the fake Besu: votes, validator set, permissioning, errors. */
import { FakeBesu } from '@strata/testing';
import { getAddress, Wallet } from 'ethers';
import { ConsensusAdminError } from './consensus-admin';
import { JsonRpcConsensusAdmin } from './json-rpc-consensus-admin';

const validators = Array.from({ length: 4 }, () => Wallet.createRandom().address);
const candidate = Wallet.createRandom().address;

describe('JsonRpcConsensusAdmin against a fake Besu', () => {
  let besu: FakeBesu;
  let url: string;
  const admin = new JsonRpcConsensusAdmin(2_000);

  beforeEach(async () => {
    besu = new FakeBesu(validators);
    url = await besu.start();
  });
  afterEach(() => besu.stop());

  it('adds a validator once more than half of the validators vote for it', async () => {
    await admin.proposeValidatorVote(besu.nodeUrl(url, validators[0]), candidate, true);
    await admin.proposeValidatorVote(besu.nodeUrl(url, validators[1]), candidate, true);
    expect(await admin.validatorsAt(besu.nodeUrl(url, validators[0]))).toEqual(validators);
    await admin.proposeValidatorVote(besu.nodeUrl(url, validators[2]), candidate, true);
    expect(await admin.validatorsAt(besu.nodeUrl(url, validators[3]))).toEqual([
      ...validators,
      getAddress(candidate),
    ]);
    expect(await admin.validatorsAt(besu.nodeUrl(url, validators[3]), 0)).toEqual(validators);
    expect(besu.callsOf('qbft_proposeValidatorVote').map((call) => call.params)).toEqual([
      [candidate.toLowerCase(), true],
      [candidate.toLowerCase(), true],
      [candidate.toLowerCase(), true],
    ]);
  });

  it('removes a validator by vote', async () => {
    for (const voter of validators.slice(0, 3)) {
      await admin.proposeValidatorVote(besu.nodeUrl(url, voter), validators[3], false);
    }
    expect(await admin.validatorsAt(besu.nodeUrl(url, validators[0]))).toEqual(
      validators.slice(0, 3),
    );
  });

  it('adds nodes and accounts to the allowlists and lists peers', async () => {
    const node = besu.nodeUrl(url, validators[0]);
    await admin.addNodesToAllowlist(node, [`enode://${'a'.repeat(128)}@10.0.0.1:30303`]);
    await admin.addAccountsToAllowlist(node, [candidate]);
    expect(besu.callsOf('perm_addNodesToAllowlist')).toHaveLength(1);
    expect(besu.callsOf('perm_addAccountsToAllowlist')[0].params).toEqual([
      [candidate.toLowerCase()],
    ]);
    await admin.validatorsAt(besu.nodeUrl(url, validators[1]));
    expect((await admin.peers(node)).map((peer) => peer.id)).toEqual([validators[1].toLowerCase()]);
  });

  it('reads the allowlists and removes entries; Besu refuses an existing or absent entry', async () => {
    const node = besu.nodeUrl(url, validators[1]);
    const enode = `enode://${'b'.repeat(128)}@10.0.0.2:30303`;
    await admin.addNodesToAllowlist(node, [enode]);
    await admin.addAccountsToAllowlist(node, [candidate]);
    expect(await admin.nodesAllowlist(node)).toEqual([enode]);
    expect(await admin.accountsAllowlist(node)).toEqual([candidate.toLowerCase()]);
    await expect(admin.addNodesToAllowlist(node, [enode])).rejects.toMatchObject({
      message: 'perm_addNodesToAllowlist: Cannot add an existing node to allowlist',
    });
    await admin.removeNodesFromAllowlist(node, [enode]);
    await admin.removeAccountsFromAllowlist(node, [candidate]);
    expect(await admin.nodesAllowlist(node)).toEqual([]);
    expect(await admin.accountsAllowlist(node)).toEqual([]);
    await expect(admin.removeAccountsFromAllowlist(node, [candidate])).rejects.toMatchObject({
      message: 'perm_removeAccountsFromAllowlist: Cannot remove an absent account from allowlist',
    });
  });

  it("turns Besu's JSON-RPC errors and unreachable nodes into ConsensusAdminError", async () => {
    await expect(
      admin.addNodesToAllowlist(besu.nodeUrl(url, validators[0]), ['not-an-enode']),
    ).rejects.toMatchObject({
      name: 'ConsensusAdminError',
      code: -32000,
      message: 'perm_addNodesToAllowlist: Request contains an invalid node',
    });
    await expect(admin.validatorsAt(besu.nodeUrl(url, validators[0]), 99)).rejects.toBeInstanceOf(
      ConsensusAdminError,
    );
    await expect(admin.peers(`${url}/unknown`)).rejects.toBeInstanceOf(ConsensusAdminError);
    await expect(admin.peers('http://127.0.0.1:1')).rejects.toBeInstanceOf(ConsensusAdminError);
  });
});
