/**
 * DidRegistry on a private anvil: EBSI-style DID strings computed on chain, registration with
 * proof of possession, key rotation with validity intervals, controllers and capability
 * delegation, deactivation; every change needs a valid key of the DID (or of a controller).
 */
import fc from 'fast-check';
import { computeAddress, hexlify, randomBytes } from 'ethers';
import {
  changeDid,
  fragment,
  METHOD,
  newKey,
  publicKeyOf,
  registerDid,
  startTrustFixture,
  type TrustFixture,
  trustRevertName,
} from './trust-registry.fixture';
import { DID_RELATIONSHIPS, onChainDid, parseOnChainDid } from './trust-registry-actions';

let fixture: TrustFixture;

beforeAll(async () => {
  fixture = await startTrustFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const isValidKey = async (id: string, account: string, relationship: number, time: bigint) =>
  (await fixture.dids.getFunction('isValidKey')(id, account, relationship, time)) as boolean;
const blockTime = async (blockNumber: number) =>
  BigInt((await fixture.provider.getBlock(blockNumber))?.timestamp ?? 0);
const CAP = DID_RELATIONSHIPS.capabilityInvocation;
const ASSERT = DID_RELATIONSHIPS.assertionMethod;

describe('DidRegistry', () => {
  it('derives the same did:strata:z... string on chain as the TypeScript encoder for any id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 16, maxLength: 16 }), async (bytes) => {
        const id = hexlify(bytes);
        const onChain = (await fixture.dids.getFunction('didOf')(id)) as string;
        expect(onChain).toBe(onChainDid(METHOD, id));
        expect(parseOnChainDid(onChain, METHOD)).toEqual({ method: METHOD, id });
      }),
      { numRuns: 25 },
    );
  });

  it('registers a DID only with the signature of its own first key, and only once', async () => {
    const owner = await registerDid(fixture);
    const doc = (await fixture.dids.getFunction('resolve')(owner.id)) as {
      methods: { account: string; relationships: bigint }[];
    };
    expect(doc.methods).toHaveLength(1);
    expect(doc.methods[0].relationships).toBe(15n);
    const again = changeDid(
      fixture,
      owner.id,
      { kind: 'register', fragment: fragment('keys-1'), publicKey: publicKeyOf(owner.key) },
      owner.key,
    );
    expect(await trustRevertName(again)).toBe('DidAlreadyExists');
    const stranger = newKey();
    const forged = changeDid(
      fixture,
      hexlify(randomBytes(16)),
      { kind: 'register', fragment: fragment('keys-1'), publicKey: publicKeyOf(newKey()) },
      stranger,
    );
    expect(await trustRevertName(forged)).toBe('Unauthorised');
  });

  it('rotates a key: the old key verifies for its validity interval only and can no longer sign changes', async () => {
    const owner = await registerDid(fixture);
    const next = newKey();
    const added = await changeDid(
      fixture,
      owner.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('keys-2'),
        keyType: 'secp256k1',
        publicKey: publicKeyOf(next),
        relationships: CAP | ASSERT,
      },
      owner.key,
    );
    // Blocks mined within one second share a timestamp: move on so the intervals are not empty.
    await fixture.provider.send('evm_increaseTime', [60]);
    const expired = await changeDid(
      fixture,
      owner.id,
      { kind: 'expire-verification-method', fragment: fragment('keys-1') },
      owner.key,
    );
    const [addedAt, expiredAt] = [
      await blockTime(added.blockNumber),
      await blockTime(expired.blockNumber),
    ];
    const oldAddress = computeAddress(owner.key.publicKey);
    expect(await isValidKey(owner.id, oldAddress, ASSERT, addedAt)).toBe(true);
    expect(await isValidKey(owner.id, oldAddress, ASSERT, expiredAt - 1n)).toBe(true);
    expect(await isValidKey(owner.id, oldAddress, ASSERT, expiredAt)).toBe(false);
    const nextAddress = computeAddress(next.publicKey);
    expect(await isValidKey(owner.id, nextAddress, ASSERT, addedAt)).toBe(true);
    expect(await isValidKey(owner.id, nextAddress, ASSERT, addedAt - 1n)).toBe(false);
    const refused = changeDid(
      fixture,
      owner.id,
      { kind: 'add-controller', controller: owner.id },
      owner.key,
    );
    expect(await trustRevertName(refused)).toBe('Unauthorised');
    const doc = (await fixture.dids.getFunction('resolve')(owner.id)) as {
      methods: { validUntil: bigint }[];
    };
    expect(doc.methods.map((m) => m.validUntil)).toEqual([expiredAt, 0n]);
  });

  it('refuses to expire the last capability key of a DID without controllers (no lock-out)', async () => {
    const owner = await registerDid(fixture);
    const attempt = changeDid(
      fixture,
      owner.id,
      { kind: 'expire-verification-method', fragment: fragment('keys-1') },
      owner.key,
    );
    expect(await trustRevertName(attempt)).toBe('WouldLockOut');
  });

  it('lets a controller invoke changes, and only a delegation key add controllers', async () => {
    const [subject, controller] = [await registerDid(fixture), await registerDid(fixture)];
    const notYet = changeDid(
      fixture,
      subject.id,
      { kind: 'deactivate' },
      controller.key,
      controller.id,
    );
    expect(await trustRevertName(notYet)).toBe('NotAController');
    const invokeOnly = newKey();
    await changeDid(
      fixture,
      subject.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('invoke'),
        keyType: 'secp256k1',
        publicKey: publicKeyOf(invokeOnly),
        relationships: CAP,
      },
      subject.key,
    );
    const undelegated = changeDid(
      fixture,
      subject.id,
      { kind: 'add-controller', controller: controller.id },
      invokeOnly,
    );
    expect(await trustRevertName(undelegated)).toBe('Unauthorised');
    await changeDid(
      fixture,
      subject.id,
      { kind: 'add-controller', controller: controller.id },
      subject.key,
    );
    await changeDid(
      fixture,
      subject.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('by-controller'),
        keyType: 'ed25519',
        publicKey: hexlify(randomBytes(32)),
        relationships: ASSERT,
      },
      controller.key,
      controller.id,
    );
    const doc = (await fixture.dids.getFunction('resolve')(subject.id)) as {
      controllers: string[];
      methods: unknown[];
    };
    expect(doc.controllers).toEqual([controller.id]);
    expect(doc.methods).toHaveLength(3);
  });

  it('refuses capability relationships for keys it cannot verify (P-256, Ed25519) and bad key lengths', async () => {
    const owner = await registerDid(fixture);
    const capable = changeDid(
      fixture,
      owner.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('p256'),
        keyType: 'p256',
        publicKey: hexlify(randomBytes(64)),
        relationships: CAP,
      },
      owner.key,
    );
    expect(await trustRevertName(capable)).toBe('InvalidRelationships');
    const short = changeDid(
      fixture,
      owner.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('ed'),
        keyType: 'ed25519',
        publicKey: hexlify(randomBytes(31)),
        relationships: ASSERT,
      },
      owner.key,
    );
    expect(await trustRevertName(short)).toBe('InvalidPublicKey');
  });

  it('deactivates a DID for good: its keys stop being valid and no change is accepted', async () => {
    const owner = await registerDid(fixture);
    const address = computeAddress(owner.key.publicKey);
    await changeDid(fixture, owner.id, { kind: 'deactivate' }, owner.key);
    const doc = (await fixture.dids.getFunction('resolve')(owner.id)) as { deactivated: boolean };
    expect(doc.deactivated).toBe(true);
    expect(await isValidKey(owner.id, address, CAP, 2n ** 40n)).toBe(false);
    const after = changeDid(fixture, owner.id, { kind: 'deactivate' }, owner.key);
    expect(await trustRevertName(after)).toBe('DidIsDeactivated');
  });

  it('pages registered ids in registration order', async () => {
    const count = (await fixture.dids.getFunction('didCount')()) as bigint;
    const created = await registerDid(fixture);
    const page = (await fixture.dids.getFunction('didPage')(count, 10n)) as string[];
    expect(page).toEqual([created.id]);
    expect((await fixture.dids.getFunction('didPage')(count + 5n, 10n)) as string[]).toEqual([]);
  });
});

describe('parseOnChainDid', () => {
  it('never throws and accepts only version-1 16-byte ids of the configured method', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = parseOnChainDid(input, METHOD);
        if (!('error' in parsed)) expect(onChainDid(METHOD, parsed.id)).toBe(input);
      }),
    );
    expect(parseOnChainDid('did:ebsi:zub5ZZUfHLLptCduwEy8xRj', METHOD)).toMatchObject({
      error: 'methodNotSupported',
    });
    expect(parseOnChainDid('did:strata:z111', METHOD)).toMatchObject({ error: 'invalidDid' });
    expect(parseOnChainDid('did:ebsi:zub5ZZUfHLLptCduwEy8xRj', 'ebsi')).toMatchObject({
      method: 'ebsi',
    });
  });
});
