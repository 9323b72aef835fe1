import { identityKeystorePassphrase, LOCAL_IDENTITY_KEYSTORE_PASSPHRASE } from './config';

describe('identity keystore passphrase', () => {
  it('uses the local default outside production', () => {
    expect(identityKeystorePassphrase({}, 'development')).toBe(LOCAL_IDENTITY_KEYSTORE_PASSPHRASE);
  });

  it('refuses the local default when NODE_ENV=production', () => {
    expect(() => identityKeystorePassphrase({}, 'production')).toThrow(/must be set/);
  });

  it('uses the configured passphrase', () => {
    const passphrase = 'a configured passphrase';
    expect(
      identityKeystorePassphrase({ STRATA_IDENTITY_KEYSTORE_PASSPHRASE: passphrase }, 'production'),
    ).toBe(passphrase);
  });
});
