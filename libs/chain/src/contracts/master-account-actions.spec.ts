/**
 * The master account's typed actions off chain: digests match what wallets sign with
 * eth_signTypedData_v4, signatures are put in signer order, and calldata decodes back to the action.
 */
import fc from 'fast-check';
import { getAddress, hexlify, verifyTypedData, Wallet } from 'ethers';
import {
  encodeMasterAccountDeployment,
  encodeMasterAction,
  masterAccountDomain,
  masterAccountInterface,
  masterActionDigest,
  masterActionTypedData,
  orderSignatures,
  type MasterAccountAction,
} from './master-account-actions';
import { OrganisationMasterAccountArtifact } from './generated';

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)));
const uint = fc.bigInt(0n, 2n ** 256n - 1n);
const action: fc.Arbitrary<MasterAccountAction> = fc.oneof(
  fc.record({
    kind: fc.constant('authorise-account' as const),
    account: address,
    nonce: uint,
    deadline: uint,
  }),
  fc.record({
    kind: fc.constant('freeze-account' as const),
    account: address,
    nonce: uint,
    deadline: uint,
  }),
  fc.record({
    kind: fc.constant('replace-account' as const),
    account: address,
    replacement: address,
    nonce: uint,
    deadline: uint,
  }),
  fc.record({
    kind: fc.constant('change-owners' as const),
    owners: fc.array(address, { maxLength: 5 }),
    threshold: uint,
    nonce: uint,
    deadline: uint,
  }),
);
const signer = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const others = [1, 2, 3].map((i) => new Wallet(`0x${String(i).padStart(64, '0')}`));

describe('master account actions', () => {
  it("a wallet's typed-data signature recovers to the wallet over the action's digest", async () => {
    await fc.assert(
      fc.asyncProperty(action, address, async (a, master) => {
        const domain = masterAccountDomain(31337n, master);
        const { types, message } = masterActionTypedData(a);
        const signature = await signer.signTypedData(domain, types, message);
        expect(verifyTypedData(domain, types, message, signature)).toBe(signer.address);
        expect(signer.signingKey.sign(masterActionDigest(domain, a)).serialized).toBe(signature);
      }),
      { numRuns: 50 },
    );
  });

  it('calldata decodes back to the action and its signatures', () => {
    fc.assert(
      fc.property(
        action,
        fc.array(fc.uint8Array({ minLength: 65, maxLength: 65 }), { maxLength: 3 }),
        (a, sigs) => {
          const signatures = sigs.map((s) => hexlify(s));
          const decoded = masterAccountInterface.parseTransaction({
            data: encodeMasterAction(a, signatures),
          });
          const fields: [string, unknown][] = Object.entries(a).filter(([key]) => key !== 'kind');
          expect(decoded?.args.toArray().slice(0, -1)).toEqual(fields.map(([, value]) => value));
          expect(decoded?.args.toArray().at(-1)).toEqual(signatures);
        },
      ),
    );
  });

  it('orders signatures by increasing signer address and refuses a signer twice', () => {
    const digest = masterActionDigest(masterAccountDomain(1n, others[0].address), {
      kind: 'freeze-account',
      account: others[1].address,
      nonce: 1n,
      deadline: 2n,
    });
    const wallets = [signer, ...others];
    const byAddress = [...wallets].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    const signatures = wallets.map((w) => w.signingKey.sign(digest).serialized);
    expect(orderSignatures(digest, signatures)).toEqual(
      byAddress.map((w) => w.signingKey.sign(digest).serialized),
    );
    expect(() => orderSignatures(digest, [signatures[0], signatures[0]])).toThrow(
      'duplicate signer',
    );
  });

  it('deployment data is the creation bytecode followed by the constructor arguments', () => {
    const data = encodeMasterAccountDeployment(`0x${'00'.repeat(31)}01`, [signer.address], 1n);
    expect(data.startsWith(OrganisationMasterAccountArtifact.bytecode)).toBe(true);
    expect((data.length - OrganisationMasterAccountArtifact.bytecode.length) / 2).toBe(32 * 5);
  });
});
