/**
 * Property tests of the master account's signature checks on a private anvil: an action runs
 * exactly when at least `threshold` distinct owners sign it and nobody else does; forged bytes,
 * strangers' signatures and signatures over a different action never pass.
 */
import fc from 'fast-check';
import { type Contract, Wallet } from 'ethers';
import {
  deployBareMasterAccount,
  execute,
  FAR_DEADLINE,
  revertName,
  sign,
  startMasterAccountFixture,
  submit,
  type MasterAccountFixture,
} from './master-account.fixture';
import { masterAccountDomain, masterActionDigest, orderSignatures } from './master-account-actions';

let fixture: MasterAccountFixture;
beforeAll(async () => {
  fixture = await startMasterAccountFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const privateKey = fc
  .bigInt(1n, SECP256K1_N - 1n)
  .map((k) => new Wallet(`0x${k.toString(16).padStart(64, '0')}`));
const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => new Wallet(`0x${'11'.repeat(12)}${Buffer.from(bytes).toString('hex')}`).address);
const nonce = fc.bigInt(1n, 2n ** 255n);
const REFUSALS = ['InvalidSignature', 'SignerNotOwner', 'SignersNotSorted', 'NotEnoughSignatures'];

const isAuthorised = async (master: { contract: Contract }, who: string): Promise<boolean> =>
  (await master.contract.getFunction('isAuthorised')(who)) as boolean;

describe('OrganisationMasterAccount signatures (properties)', () => {
  it('runs an action exactly when at least threshold distinct owners and no stranger sign it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(privateKey, { minLength: 1, maxLength: 5, selector: (w) => w.address }),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.uniqueArray(privateKey, { maxLength: 2, selector: (w) => w.address }),
        address,
        nonce,
        async (owners, thresholdSeed, signs, strangers, account, actionNonce) => {
          fc.pre(strangers.every((s) => owners.every((o) => o.address !== s.address)));
          const threshold = BigInt((thresholdSeed % owners.length) + 1);
          const master = await deployBareMasterAccount(fixture, owners, threshold);
          const signers = [...owners.filter((_, i) => signs[i]), ...strangers];
          const action = {
            kind: 'authorise-account' as const,
            account,
            nonce: actionNonce,
            deadline: FAR_DEADLINE,
          };
          const ownerCount = owners.filter((_, i) => signs[i]).length;
          const shouldPass = strangers.length === 0 && ownerCount >= Number(threshold);
          if (shouldPass) {
            await execute(fixture, master.address, action, signers);
          } else {
            const name = await revertName(execute(fixture, master.address, action, signers));
            expect(name).toBe(
              signers.length < threshold ? 'NotEnoughSignatures' : 'SignerNotOwner',
            );
          }
          expect(await isAuthorised(master, account)).toBe(shouldPass);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never accepts forged signature bytes next to a genuine owner signature', async () => {
    const owners = [0, 1, 2].map(() => Wallet.createRandom()).map((w) => new Wallet(w.privateKey));
    const master = await deployBareMasterAccount(fixture, owners, 2n);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 65, maxLength: 65 }),
        fc.boolean(),
        address,
        nonce,
        async (forged, forgedFirst, account, actionNonce) => {
          const action = {
            kind: 'authorise-account' as const,
            account,
            nonce: actionNonce,
            deadline: FAR_DEADLINE,
          };
          const [genuine] = sign(master.address, action, [owners[0]]);
          const fake = `0x${Buffer.from(forged).toString('hex')}`;
          const signatures = forgedFirst ? [fake, genuine] : [genuine, fake];
          expect(REFUSALS).toContain(
            await revertName(submit(fixture, master.address, action, signatures)),
          );
          expect(await isAuthorised(master, account)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never accepts owner signatures over one action for a different action', async () => {
    const owners = [0, 1, 2].map(() => Wallet.createRandom()).map((w) => new Wallet(w.privateKey));
    const master = await deployBareMasterAccount(fixture, owners, 2n);
    const domain = masterAccountDomain(31337n, master.address);
    await fc.assert(
      fc.asyncProperty(
        address,
        address,
        nonce,
        nonce,
        fc.constantFrom('account', 'nonce', 'deadline', 'kind'),
        async (account, otherAccount, signedNonce, otherNonce, changed) => {
          fc.pre(account !== otherAccount && signedNonce !== otherNonce);
          const signed = {
            kind: 'authorise-account' as const,
            account,
            nonce: signedNonce,
            deadline: FAR_DEADLINE,
          };
          const signatures = orderSignatures(
            masterActionDigest(domain, signed),
            sign(master.address, signed, owners.slice(0, 2)),
          );
          const submitted =
            changed === 'kind'
              ? { ...signed, kind: 'freeze-account' as const }
              : changed === 'account'
                ? { ...signed, account: otherAccount }
                : changed === 'nonce'
                  ? { ...signed, nonce: otherNonce }
                  : { ...signed, deadline: FAR_DEADLINE - 1n };
          const name = await revertName(submit(fixture, master.address, submitted, signatures));
          expect(REFUSALS).toContain(name);
          expect(await isAuthorised(master, account)).toBe(false);
          expect(await isAuthorised(master, otherAccount)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});
