/**
 * Nest providers of key custody: the PostgreSQL custody store and the KeyVault adapter the
 * deployment chose (STRATA_KEYVAULT), opened at start-up so a wrong passphrase setting, module
 * path, token label or PIN stops the ledger before it accepts work. The token session is closed
 * on shutdown.
 */
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock } from '@strata/runtime';
import { KeyCustodyStore } from './custody/key-custody-store';
import { PostgresKeyCustodyStore } from './custody/postgres-key-custody-store';
import { KeyVault } from './key-vault';
import { keystorePassphrase, KeyVaultConfigError, type KeyVaultConfig } from './key-vault.config';
import { Pkcs11KeyVault } from './pkcs11/pkcs11-key-vault';
import { Pkcs11Token } from './pkcs11/pkcs11-token';
import { SoftwareKeyVault } from './software/software-key-vault';

const PKCS11_TOKEN = Symbol('Pkcs11Token');

@Injectable()
class Pkcs11TokenCloser implements OnApplicationShutdown {
  constructor(@Inject(PKCS11_TOKEN) private readonly token: Pkcs11Token | null) {}

  onApplicationShutdown(): void {
    this.token?.close();
  }
}

export function keyVaultProviders(config: KeyVaultConfig): Provider[] {
  return [
    {
      provide: KeyCustodyStore,
      inject: [MikroORM],
      useFactory: (orm: MikroORM) => new PostgresKeyCustodyStore(orm),
    },
    {
      provide: PKCS11_TOKEN,
      useFactory: async (): Promise<Pkcs11Token | null> => {
        if (config.STRATA_KEYVAULT !== 'pkcs11') return null;
        if (!config.STRATA_PKCS11_PIN) {
          throw new KeyVaultConfigError(
            'STRATA_PKCS11_PIN is required with STRATA_KEYVAULT=pkcs11',
          );
        }
        return await Pkcs11Token.open({
          modulePath: config.STRATA_PKCS11_MODULE,
          tokenLabel: config.STRATA_PKCS11_TOKEN_LABEL,
          pin: config.STRATA_PKCS11_PIN,
        });
      },
    },
    Pkcs11TokenCloser,
    {
      provide: KeyVault,
      inject: [KeyCustodyStore, Clock, PKCS11_TOKEN],
      useFactory: (store: KeyCustodyStore, clock: Clock, token: Pkcs11Token | null) =>
        token
          ? new Pkcs11KeyVault(store, clock, token)
          : new SoftwareKeyVault(store, clock, keystorePassphrase(config)),
    },
  ];
}
