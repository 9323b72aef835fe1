import fc from 'fast-check';
import { z } from 'zod';
import {
  keystorePassphrase,
  KeyVaultConfigError,
  keyVaultConfigShape,
  LOCAL_KEYSTORE_PASSPHRASE,
} from './key-vault.config';

describe('key vault configuration', () => {
  const schema = z.object(keyVaultConfigShape);

  it('defaults to the software keystore with the local passphrase outside production', () => {
    const config = schema.parse({});
    expect(config.STRATA_KEYVAULT).toBe('software');
    expect(keystorePassphrase(config, 'development')).toBe(LOCAL_KEYSTORE_PASSPHRASE);
    expect(keystorePassphrase(config, undefined)).toBe(LOCAL_KEYSTORE_PASSPHRASE);
  });

  it('refuses to start in production without an explicit passphrase', () => {
    expect(() => keystorePassphrase(schema.parse({}), 'production')).toThrow(KeyVaultConfigError);
    const explicit = 'a long production passphrase';
    expect(
      keystorePassphrase(schema.parse({ STRATA_KEYSTORE_PASSPHRASE: explicit }), 'production'),
    ).toBe(explicit);
  });

  it('refuses short passphrases and unknown vault kinds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 15 }), (short) => {
        expect(schema.safeParse({ STRATA_KEYSTORE_PASSPHRASE: short }).success).toBe(false);
      }),
    );
    expect(schema.safeParse({ STRATA_KEYVAULT: 'cloud' }).success).toBe(false);
  });
});
