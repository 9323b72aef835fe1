/**
 * Off-chain approval checks: exactly the submissions the contract would accept pass, in the
 * order it wants; everything else is a problem before any transaction exists.
 */
import fc from 'fast-check';
import { getAddress, hexlify, Wallet } from 'ethers';
import { DomainProblem } from '@strata/bus';
import { masterAccountDomain, masterActionDigest, type MasterAccountAction } from '@strata/chain';
import { checkApprovals, toMasterAccountAction } from './master-account-approvals';

const MASTER = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const NOW = new Date('2026-11-23T12:00:00Z');
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const wallet = fc
  .bigInt(1n, N - 1n)
  .map((k) => new Wallet(`0x${k.toString(16).padStart(64, '0')}`));
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)));

const action = (account: string, deadline = 2n ** 40n): MasterAccountAction => ({
  kind: 'authorise-account',
  account,
  nonce: 7n,
  deadline,
});
const signAll = (a: MasterAccountAction, signers: readonly Wallet[]) =>
  signers.map(
    (w) => w.signingKey.sign(masterActionDigest(masterAccountDomain(31337n, MASTER), a)).serialized,
  );
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainProblem) return error.problem.code;
    throw error;
  }
  return 'accepted';
};

describe('checkApprovals', () => {
  it('accepts exactly threshold-or-more distinct owners and orders them by address', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(wallet, { minLength: 1, maxLength: 6, selector: (w) => w.address }),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.array(wallet, { maxLength: 2 }),
        address,
        (owners, seed, signs, strangers, account) => {
          fc.pre(strangers.every((s) => owners.every((o) => o.address !== s.address)));
          const threshold = (seed % owners.length) + 1;
          const signers = [...owners.filter((_, i) => signs[i]), ...strangers];
          const a = action(account);
          const check = {
            chainId: 31337n,
            masterAccount: MASTER,
            action: a,
            signatures: signAll(a, signers),
            owners: owners.map((o) => o.address),
            threshold,
            now: NOW,
          };
          const ownerSigners = owners.filter((_, i) => signs[i]).length;
          const expected =
            strangers.length > 0
              ? 'signer-not-owner'
              : ownerSigners < threshold
                ? 'not-enough-approvals'
                : 'accepted';
          const outcome = codeOf(() => checkApprovals(check));
          expect(outcome).toBe(expected);
          if (outcome === 'accepted') {
            const { signers: ordered } = checkApprovals(check);
            expect(ordered).toEqual([...ordered].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a signature over another master account, an expired action and a twice-counted owner', () => {
    const owners = [1, 2, 3].map((i) => new Wallet(`0x${String(i).padStart(64, '0')}`));
    const a = action(owners[0].address);
    const base = {
      chainId: 31337n,
      masterAccount: MASTER,
      action: a,
      owners: owners.map((o) => o.address),
      threshold: 2,
      now: NOW,
    };
    const elsewhere = owners
      .slice(0, 2)
      .map(
        (w) => w.signingKey.sign(masterActionDigest(masterAccountDomain(1n, MASTER), a)).serialized,
      );
    expect(codeOf(() => checkApprovals({ ...base, signatures: elsewhere }))).toBe(
      'signer-not-owner',
    );
    const expired = action(owners[0].address, 1n);
    expect(
      codeOf(() =>
        checkApprovals({ ...base, action: expired, signatures: signAll(expired, owners) }),
      ),
    ).toBe('action-expired');
    const [one] = signAll(a, owners);
    expect(codeOf(() => checkApprovals({ ...base, signatures: [one, one] }))).toBe(
      'duplicate-signer',
    );
  });

  it('answers random signature bytes with a problem, never a crash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 65, maxLength: 65 }), { minLength: 1, maxLength: 3 }),
        (sigs) => {
          const outcome = codeOf(() =>
            checkApprovals({
              chainId: 31337n,
              masterAccount: MASTER,
              action: action(MASTER),
              signatures: sigs.map((s) => hexlify(s)),
              owners: [MASTER],
              threshold: 1,
              now: NOW,
            }),
          );
          expect(['validation', 'signer-not-owner']).toContain(outcome);
        },
      ),
    );
  });

  it('turns the bus request into the typed action with checksummed addresses and bigints', () => {
    expect(
      toMasterAccountAction({
        kind: 'replace-account',
        account: MASTER.toLowerCase(),
        replacement: MASTER.toLowerCase(),
        nonce: '1',
        deadline: '2',
      }),
    ).toEqual({
      kind: 'replace-account',
      account: MASTER,
      replacement: MASTER,
      nonce: 1n,
      deadline: 2n,
    });
  });
});
