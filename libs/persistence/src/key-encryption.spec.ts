import { inspect } from 'node:util';
import fc from 'fast-check';
import { KeyEncryption, SealedKeyError } from './key-encryption';

describe('KeyEncryption', () => {
  const encryption = new KeyEncryption('correct horse battery staple');
  const context = { keyId: 'k-1', address: '0x00000000000000000000000000000000000000aa' };
  const privateKey = new Uint8Array(32).fill(9);

  it('round trips a private key and never stores it in clear', () => {
    const sealed = encryption.seal(privateKey, context);
    expect(sealed).not.toContain(Buffer.from(privateKey).toString('base64url'));
    expect(sealed).not.toContain(Buffer.from(privateKey).toString('hex'));
    expect(encryption.open(sealed, context)).toEqual(Buffer.from(privateKey));
  });

  it('refuses a tampered ciphertext, salt, iv or tag', () => {
    const sealed = encryption.seal(privateKey, context);
    const parts = sealed.split('.');
    for (let index = 1; index < parts.length; index += 1) {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 0x01;
      const tampered = [
        ...parts.slice(0, index),
        bytes.toString('base64url'),
        ...parts.slice(index + 1),
      ];
      expect(() => encryption.open(tampered.join('.'), context)).toThrow(SealedKeyError);
    }
  });

  it('refuses a sealed key moved onto another key row', () => {
    const sealed = encryption.seal(privateKey, context);
    expect(() => encryption.open(sealed, { ...context, keyId: 'k-2' })).toThrow(SealedKeyError);
  });

  it('refuses another passphrase', () => {
    const sealed = encryption.seal(privateKey, context);
    expect(() => new KeyEncryption('another one').open(sealed, context)).toThrow(SealedKeyError);
  });

  it('does not reveal the passphrase when the object is logged or serialised', () => {
    const secret = 'a passphrase nobody may read';
    const logged = new KeyEncryption(secret);
    logged.seal(privateKey, context);
    expect(JSON.stringify(logged)).not.toContain(secret);
    expect(inspect(logged, { depth: 5 })).not.toContain(secret);
  });

  it('refuses arbitrary strings as sealed keys without crashing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        expect(() => encryption.open(input, context)).toThrow(SealedKeyError);
      }),
      { numRuns: 100 },
    );
  });
});
