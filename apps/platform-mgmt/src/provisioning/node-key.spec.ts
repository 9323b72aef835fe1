/** Node keys, enode URLs and the enode validation of the public API. */
import fc from 'fast-check';
import { enodeSchema } from '@strata/contracts';
import { addressOfEnode, enodeUrl, generateNodeKey, nodeKeyFrom } from './node-key';

describe('node keys', () => {
  it('derives the enode id and the validator address from the same private key', () => {
    // Well-known anvil/hardhat account 0.
    const key = nodeKeyFrom('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    expect(key.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(addressOfEnode(enodeUrl(key.publicKey, 'node-1', 30303))).toBe(key.address);
  });

  it('rejects zero and out-of-range randomness and keeps drawing', () => {
    const draws = [new Uint8Array(32), new Uint8Array(32).fill(0xff), new Uint8Array(32).fill(7)];
    const key = generateNodeKey(() => draws.shift() ?? new Uint8Array(32).fill(1));
    expect(key.privateKey).toBe(`0x${'07'.repeat(32)}`);
  });

  it('produces enodes the API accepts for any key, host and port', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.domain(),
        fc.integer({ min: 1, max: 65535 }),
        (seed, host, port) => {
          const key = generateNodeKey(() =>
            seed.some((b) => b) ? seed : new Uint8Array(32).fill(1),
          );
          expect(enodeSchema.safeParse(enodeUrl(key.publicKey, host, port)).success).toBe(true);
        },
      ),
    );
  });

  it.each([
    'enode://abc@host:30303',
    `enode://${'a'.repeat(128)}@host`,
    `enode://${'a'.repeat(128)}@host:0`,
    `enode://${'a'.repeat(128)}@host:70000`,
    `enode://${'g'.repeat(128)}@host:30303`,
    `http://${'a'.repeat(128)}@host:30303`,
    `enode://${'a'.repeat(128)}@bad_host:30303`,
  ])('refuses the invalid enode %s', (enode) => {
    expect(enodeSchema.safeParse(enode).success).toBe(false);
  });

  it('never accepts a string that is not of the enode form', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const ok = enodeSchema.safeParse(value).success;
        if (ok) expect(value).toMatch(/^enode:\/\/[0-9a-fA-F]{128}@/);
      }),
    );
  });
});
