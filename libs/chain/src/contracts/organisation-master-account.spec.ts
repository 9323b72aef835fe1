/**
 * OrganisationMasterAccount and OperationalAccountRegistry on a private anvil: the multisig
 * authorises, freezes and replaces operational accounts and changes its owners only with the
 * threshold of owner signatures; replayed, expired, duplicated and foreign signatures are refused.
 */
import { Signature, type Wallet } from 'ethers';
import {
  deployMasterAccount,
  execute,
  FAR_DEADLINE,
  revertName,
  sign,
  startMasterAccountFixture,
  submit,
  wallets,
  type MasterAccountFixture,
} from './master-account.fixture';
import {
  masterAccountDomain,
  masterAccountInterface,
  masterActionDigest,
  masterActionTypedData,
  orderSignatures,
  type MasterAccountAction,
} from './master-account-actions';
import { organisationIdToBytes32 } from './organisation-id';

let fixture: MasterAccountFixture;
let nonce = 0n;
const nextNonce = () => ++nonce;

beforeAll(async () => {
  fixture = await startMasterAccountFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const authorise = (account: string): MasterAccountAction => ({
  kind: 'authorise-account',
  account,
  nonce: nextNonce(),
  deadline: FAR_DEADLINE,
});
const freeze = (account: string): MasterAccountAction => ({
  kind: 'freeze-account',
  account,
  nonce: nextNonce(),
  deadline: FAR_DEADLINE,
});

async function twoOfThree() {
  const owners = wallets(3);
  const master = await deployMasterAccount(fixture, owners, 2n);
  const isAuthorised = async (account: string) =>
    (await master.contract.getFunction('isAuthorised')(account)) as boolean;
  const statusOf = async (account: string) =>
    Number(await master.contract.getFunction('accountStatus')(account));
  return { owners, master, isAuthorised, statusOf };
}

function eventNames(logs: readonly { topics: readonly string[]; data: string }[]): string[] {
  return logs.map((log) => masterAccountInterface.parseLog(log)?.name ?? '?');
}

describe('OrganisationMasterAccount (2 of 3 institution-admins)', () => {
  it('authorises an operational account with two owner signatures and the registry reports it', async () => {
    const { owners, master, isAuthorised, statusOf } = await twoOfThree();
    const [hot] = wallets(1);
    const receipt = await execute(fixture, master.address, authorise(hot.address), owners.slice(1));
    expect(eventNames(receipt.logs)).toEqual(['AccountAuthorised']);
    expect(await isAuthorised(hot.address)).toBe(true);
    expect(await statusOf(hot.address)).toBe(1);
    const organisation = organisationIdToBytes32(master.organisationId);
    expect(await master.registry.getFunction('isAuthorised')(organisation, hot.address)).toBe(true);
    expect(await master.registry.getFunction('isAuthorised')(organisation, owners[0].address)).toBe(
      false,
    );
  });

  it('refuses an action signed by one owner only and changes nothing', async () => {
    const { owners, master, isAuthorised } = await twoOfThree();
    const [hot] = wallets(1);
    const refused = execute(fixture, master.address, authorise(hot.address), owners.slice(0, 1));
    expect(await revertName(refused)).toBe('NotEnoughSignatures');
    expect(await isAuthorised(hot.address)).toBe(false);
  });

  it('a frozen account is no longer authorised until the owners authorise it again', async () => {
    const { owners, master, isAuthorised, statusOf } = await twoOfThree();
    const [hot] = wallets(1);
    await execute(fixture, master.address, authorise(hot.address), owners.slice(0, 2));
    const receipt = await execute(fixture, master.address, freeze(hot.address), [
      owners[0],
      owners[2],
    ]);
    expect(eventNames(receipt.logs)).toEqual(['AccountFrozen']);
    expect(await isAuthorised(hot.address)).toBe(false);
    expect(await statusOf(hot.address)).toBe(2);
    const organisation = organisationIdToBytes32(master.organisationId);
    expect(await master.registry.getFunction('isAuthorised')(organisation, hot.address)).toBe(
      false,
    );
    await execute(fixture, master.address, authorise(hot.address), owners.slice(1));
    expect(await isAuthorised(hot.address)).toBe(true);
  });

  it('replacing a lost hot key retires it for good and authorises the replacement', async () => {
    const { owners, master, isAuthorised, statusOf } = await twoOfThree();
    const [lost, replacement] = wallets(2);
    await execute(fixture, master.address, authorise(lost.address), owners.slice(0, 2));
    const receipt = await execute(
      fixture,
      master.address,
      {
        kind: 'replace-account',
        account: lost.address,
        replacement: replacement.address,
        nonce: nextNonce(),
        deadline: FAR_DEADLINE,
      },
      owners.slice(1),
    );
    expect(eventNames(receipt.logs)).toEqual(['AccountReplaced']);
    expect(await isAuthorised(lost.address)).toBe(false);
    expect(await statusOf(lost.address)).toBe(3);
    expect(await isAuthorised(replacement.address)).toBe(true);
    const again = execute(fixture, master.address, authorise(lost.address), owners.slice(0, 2));
    expect(await revertName(again)).toBe('UnexpectedAccountStatus');
  });

  it('changes its owners and threshold only with the current threshold; then only new owners count', async () => {
    const { owners, master } = await twoOfThree();
    const newcomers = wallets(2);
    const change = (signers: Wallet[]) =>
      execute(
        fixture,
        master.address,
        {
          kind: 'change-owners',
          owners: [owners[0].address, ...newcomers.map((w) => w.address)],
          threshold: 3n,
          nonce: nextNonce(),
          deadline: FAR_DEADLINE,
        },
        signers,
      );
    expect(await revertName(change([owners[1]]))).toBe('NotEnoughSignatures');
    expect(await revertName(change([owners[1], newcomers[0]]))).toBe('SignerNotOwner');
    const receipt = await change([owners[1], owners[2]]);
    expect(eventNames(receipt.logs)).toEqual(['OwnersChanged']);
    expect(await master.contract.getFunction('threshold')()).toBe(3n);
    expect(await master.contract.getFunction('isOwner')(owners[1].address)).toBe(false);
    const [hot] = wallets(1);
    const byOldOwners = execute(fixture, master.address, authorise(hot.address), owners);
    expect(await revertName(byOldOwners)).toBe('SignerNotOwner');
    await execute(fixture, master.address, authorise(hot.address), [owners[0], ...newcomers]);
  });

  it('refuses invalid owner sets and thresholds', async () => {
    const { owners, master } = await twoOfThree();
    const change = (newOwners: string[], threshold: bigint) =>
      execute(
        fixture,
        master.address,
        {
          kind: 'change-owners',
          owners: newOwners,
          threshold,
          nonce: nextNonce(),
          deadline: FAR_DEADLINE,
        },
        owners.slice(0, 2),
      );
    const a = owners[0].address;
    expect(await revertName(change([a], 0n))).toBe('InvalidThreshold');
    expect(await revertName(change([a], 2n))).toBe('InvalidThreshold');
    expect(await revertName(change([], 0n))).toBe('InvalidOwners');
    expect(await revertName(change([a, a], 1n))).toBe('InvalidOwners');
    expect(await revertName(change([a, '0x0000000000000000000000000000000000000000'], 1n))).toBe(
      'InvalidOwners',
    );
  });
});

describe('OrganisationMasterAccount signature checks', () => {
  it('refuses a replayed action, even when pointed at another account', async () => {
    const { owners, master } = await twoOfThree();
    const [hot, other] = wallets(2);
    const action = authorise(hot.address);
    await execute(fixture, master.address, action, owners.slice(0, 2));
    expect(await revertName(execute(fixture, master.address, action, owners.slice(0, 2)))).toBe(
      'NonceAlreadyUsed',
    );
    const signatures = orderSignatures(
      masterActionDigest(masterAccountDomain(31337n, master.address), action),
      sign(master.address, action, owners.slice(0, 2)),
    );
    const retargeted = { ...action, account: other.address, nonce: nextNonce() };
    expect(
      ['SignerNotOwner', 'SignersNotSorted'].includes(
        await revertName(submit(fixture, master.address, retargeted, signatures)),
      ),
    ).toBe(true);
  });

  it('refuses signatures made for another master account of the same owners', async () => {
    const { owners, master } = await twoOfThree();
    const sibling = await deployMasterAccount(fixture, owners, 2n);
    const [hot] = wallets(1);
    const action = authorise(hot.address);
    const forSibling = orderSignatures(
      masterActionDigest(masterAccountDomain(31337n, sibling.address), action),
      sign(sibling.address, action, owners.slice(0, 2)),
    );
    const name = await revertName(submit(fixture, master.address, action, forSibling));
    expect(['SignerNotOwner', 'SignersNotSorted']).toContain(name);
  });

  it('refuses two signatures of the same owner and unsorted signatures', async () => {
    const { owners, master } = await twoOfThree();
    const [hot] = wallets(1);
    const action = authorise(hot.address);
    const [one] = sign(master.address, action, [owners[0]]);
    expect(await revertName(submit(fixture, master.address, action, [one, one]))).toBe(
      'SignersNotSorted',
    );
    const ordered = orderSignatures(
      masterActionDigest(masterAccountDomain(31337n, master.address), action),
      sign(master.address, action, owners.slice(0, 2)),
    );
    expect(await revertName(submit(fixture, master.address, action, [...ordered].reverse()))).toBe(
      'SignersNotSorted',
    );
  });

  it('refuses a malleated (high-s) copy of a valid signature', async () => {
    const { owners, master } = await twoOfThree();
    const [hot] = wallets(1);
    const action = authorise(hot.address);
    const signatures = orderSignatures(
      masterActionDigest(masterAccountDomain(31337n, master.address), action),
      sign(master.address, action, owners.slice(0, 2)),
    );
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const parsed = Signature.from(signatures[0]);
    const highS = `0x${(n - BigInt(parsed.s)).toString(16).padStart(64, '0')}`;
    const malleated = `${parsed.r}${highS.slice(2)}${parsed.v === 27 ? '1c' : '1b'}`;
    expect(
      await revertName(submit(fixture, master.address, action, [malleated, signatures[1]])),
    ).toBe('InvalidSignature');
  });

  it('refuses an expired action', async () => {
    const { owners, master } = await twoOfThree();
    const [hot] = wallets(1);
    const action: MasterAccountAction = { ...authorise(hot.address), deadline: 1n };
    expect(await revertName(execute(fixture, master.address, action, owners.slice(0, 2)))).toBe(
      'ActionExpired',
    );
  });

  it("accepts an owner wallet's eth_signTypedData_v4 signature like a digest signature", async () => {
    const { owners, master, isAuthorised } = await twoOfThree();
    const [hot] = wallets(1);
    const action = authorise(hot.address);
    const { types, message } = masterActionTypedData(action);
    const domain = masterAccountDomain(31337n, master.address);
    const typed = await Promise.all(
      owners.slice(0, 2).map((o) => o.signTypedData(domain, types, message)),
    );
    const ordered = orderSignatures(masterActionDigest(domain, action), typed);
    await submit(fixture, master.address, action, ordered);
    expect(await isAuthorised(hot.address)).toBe(true);
  });
});

describe('OperationalAccountRegistry', () => {
  it('binds an organisation once, only by the registrar and only to its own master account', async () => {
    const { owners, master } = await twoOfThree();
    const organisation = organisationIdToBytes32(master.organisationId);
    const registry = master.registry;
    expect(await revertName(registry.getFunction('register')(organisation, master.address))).toBe(
      'AlreadyRegistered',
    );
    const other = await deployMasterAccount(fixture, owners, 2n);
    const otherOrganisation = organisationIdToBytes32(other.organisationId);
    expect(
      await revertName(registry.getFunction('register')(otherOrganisation, master.address)),
    ).toBe('OrganisationMismatch');
    const stranger = registry.connect(owners[0].connect(fixture.provider)) as typeof registry;
    expect(
      await revertName(stranger.getFunction('register')(otherOrganisation, other.address)),
    ).toBe('OwnableUnauthorizedAccount');
    expect(await registry.getFunction('masterAccountOf')(organisation)).toBe(master.address);
  });
});
