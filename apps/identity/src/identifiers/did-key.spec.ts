import fc from 'fast-check';
import { bytesToBase58 } from 'did-jwt';
import {
  didKeyDocument,
  encodeDidKey,
  generatePrivateKey,
  parseDidKey,
  publicKeyOf,
} from './did-key';
import { DID_KEY_TYPES } from '@strata/contracts';

const hex = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'hex'));
const b64url = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'base64url'));

describe('did:key', () => {
  // Vectors from w3c-ccg/did-method-key test-vectors (secp256k1.json, nist-curves.json, ed25519-x25519.json).
  it.each([
    [
      'secp256k1' as const,
      hex('9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c'),
      'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme',
    ],
    [
      'P-256' as const,
      b64url('gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc'),
      'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv',
    ],
    [
      'Ed25519' as const,
      new Uint8Array(32),
      'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
    ],
  ])('encodes the spec test vector for %s and parses it back', (keyType, privateKey, did) => {
    const key = encodeDidKey(keyType, publicKeyOf(keyType, privateKey));
    expect(key.did).toBe(did);
    expect(parseDidKey(did)).toEqual(key);
  });

  it('round trips freshly generated keys of every type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DID_KEY_TYPES), (keyType) => {
        const key = encodeDidKey(keyType, publicKeyOf(keyType, generatePrivateKey(keyType)));
        expect(parseDidKey(key.did)).toEqual(key);
      }),
      { numRuns: 30 },
    );
  });

  it('builds a document whose one Multikey method serves every relationship', () => {
    const did = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
    const key = parseDidKey(did);
    if ('error' in key) throw new Error(key.reason);
    const document = didKeyDocument(key);
    const vm = `${did}#zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme`;
    expect(document).toMatchObject({
      id: did,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: did }],
      assertionMethod: [vm],
      authentication: [vm],
    });
  });

  it('tells an unsupported method from a malformed DID', () => {
    expect(parseDidKey('did:web:example.com')).toMatchObject({ error: 'methodNotSupported' });
    expect(parseDidKey('not-a-did')).toMatchObject({ error: 'invalidDid' });
    expect(parseDidKey('did:key:abc')).toMatchObject({ error: 'invalidDid' });
    expect(parseDidKey('did:key:z0OIl')).toMatchObject({ error: 'invalidDid' });
  });

  it('refuses a point that is not on the curve', () => {
    const bytes = new Uint8Array(35);
    bytes.set([0xe7, 0x01, 0x02]);
    bytes.fill(0xff, 3);
    expect(parseDidKey(`did:key:z${bytesToBase58(bytes)}`)).toMatchObject({ error: 'invalidDid' });
  });

  it('never throws on arbitrary strings or arbitrary base58btc payloads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `did:key:${s}`),
        ),
        (input) => {
          expect(() => parseDidKey(input)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const result = parseDidKey(`did:key:z${bytesToBase58(bytes)}`);
        expect('error' in result || result.publicKey.length >= 32).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
