import fc from 'fast-check';
import { getBytes, hexlify, SigningKey, computeAddress, toBeHex } from 'ethers';
import {
  addressFromEcPoint,
  ethereumSignatureFromRaw,
  SECP256K1_N,
  SignatureConversionError,
} from './ethereum-signature';

const rawOf = (r: string, s: bigint): Uint8Array =>
  getBytes(`${r}${s.toString(16).padStart(64, '0')}`);

describe('ethereumSignatureFromRaw', () => {
  const key = new SigningKey(`0x${'11'.repeat(32)}`);
  const address = computeAddress(key.publicKey);
  const publicKey = getBytes(key.publicKey);
  const other = getBytes(new SigningKey(`0x${'22'.repeat(32)}`).publicKey);

  it('gives a low-s signature recovering to the key address for random digests, whether the HSM gave low or high s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (digest, high) => {
        const signature = key.sign(digest);
        const s = BigInt(signature.s);
        const raw = rawOf(signature.r, high ? SECP256K1_N - s : s);
        const converted = ethereumSignatureFromRaw(raw, digest, publicKey);
        expect(BigInt(converted.s) <= SECP256K1_N / 2n).toBe(true);
        expect(converted.serialized).toBe(signature.serialized);
        expect(computeAddress(SigningKey.recoverPublicKey(digest, converted))).toBe(address);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a signature that does not verify with the key's public point", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (digest) => {
        const signature = key.sign(digest);
        const raw = rawOf(signature.r, BigInt(signature.s));
        expect(() => ethereumSignatureFromRaw(raw, digest, other)).toThrow(
          SignatureConversionError,
        );
        const tampered = new Uint8Array(digest);
        tampered[0] ^= 1;
        expect(() => ethereumSignatureFromRaw(raw, tampered, publicKey)).toThrow(
          SignatureConversionError,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('refuses raw signatures of the wrong length or out of range', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }).filter((b) => b.length !== 64),
        (raw) => {
          expect(() => ethereumSignatureFromRaw(raw, new Uint8Array(32), publicKey)).toThrow(
            SignatureConversionError,
          );
        },
      ),
    );
    const zero = new Uint8Array(64);
    expect(() => ethereumSignatureFromRaw(zero, new Uint8Array(32), publicKey)).toThrow(
      SignatureConversionError,
    );
    const overN = getBytes(`${toBeHex(SECP256K1_N, 32)}${'01'.padStart(64, '0')}`);
    expect(() => ethereumSignatureFromRaw(overN, new Uint8Array(32), publicKey)).toThrow(
      SignatureConversionError,
    );
  });
});

describe('addressFromEcPoint', () => {
  it('reads DER-wrapped and bare uncompressed points', () => {
    const point = getBytes(new SigningKey(`0x${'33'.repeat(32)}`).publicKey);
    const expected = computeAddress(hexlify(point));
    expect(addressFromEcPoint(point)).toBe(expected);
    expect(addressFromEcPoint(new Uint8Array([0x04, 0x41, ...point]))).toBe(expected);
  });

  it('refuses anything else', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }).filter((b) => b.length !== 65 && b.length !== 67),
        (bytes) => {
          expect(() => addressFromEcPoint(bytes)).toThrow(SignatureConversionError);
        },
      ),
    );
  });
});
