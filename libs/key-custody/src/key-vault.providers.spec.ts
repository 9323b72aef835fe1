import type { FactoryProvider, Provider } from '@nestjs/common';
import { keyVaultConfigSchema } from './key-vault.config';
import { keyVaultProviders } from './key-vault.providers';

// The production image skips install scripts, so pkcs11js may not be built there: a ledger on
// the software keystore must start without ever loading it.
jest.mock('pkcs11js', () => {
  throw new Error('the pkcs11js addon was loaded');
});

const tokenFactory = (providers: Provider[]): FactoryProvider =>
  providers.find(
    (p): p is FactoryProvider =>
      typeof p === 'object' && 'useFactory' in p && typeof p.provide === 'symbol',
  )!;

describe('key vault providers', () => {
  it('never load the PKCS#11 addon for the software keystore', async () => {
    const providers = keyVaultProviders(keyVaultConfigSchema.parse({}));
    await expect(tokenFactory(providers).useFactory()).resolves.toBeNull();
  });

  it('open the token (and load the addon) only with STRATA_KEYVAULT=pkcs11, and need a PIN', async () => {
    const withoutPin = keyVaultProviders(keyVaultConfigSchema.parse({ STRATA_KEYVAULT: 'pkcs11' }));
    await expect(tokenFactory(withoutPin).useFactory()).rejects.toThrow(/STRATA_PKCS11_PIN/);
    const hsm = keyVaultProviders(
      keyVaultConfigSchema.parse({ STRATA_KEYVAULT: 'pkcs11', STRATA_PKCS11_PIN: '1234' }),
    );
    await expect(tokenFactory(hsm).useFactory()).rejects.toThrow('the pkcs11js addon was loaded');
  });
});
