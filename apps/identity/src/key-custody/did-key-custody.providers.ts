/**
 * Nest providers of identity's key custody: the custody store in identity's schema (key-used
 * events on identity's topic), the software keystore (always: it holds the DIDs made before a
 * switch to PKCS#11 and the imported legacy keys) and, with STRATA_KEYVAULT=pkcs11, the token
 * opened at start-up so a wrong module, label or PIN stops identity before it accepts work.
 */
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { IdentityKeyTopics } from '@strata/contracts';
import {
  KeyCustodyStore,
  KeyVaultConfigError,
  Pkcs11KeyVault,
  Pkcs11Token,
  PostgresKeyCustodyStore,
  SoftwareKeyVault,
} from '@strata/key-custody';
import { KeyEncryption } from '@strata/persistence';
import { Clock } from '@strata/runtime';
import { identityKeystorePassphrase, type IdentityConfig } from '../config';
import { DID_HSM_VAULT, DidKeyCustody, IDENTITY_SYSTEM_ACTOR } from './did-key-custody';
import { LEGACY_DID_KEY_ENCRYPTION, LegacyDidKeys } from './legacy-did-keys';

const DID_PKCS11_TOKEN = Symbol('DID_PKCS11_TOKEN');

@Injectable()
class DidTokenCloser implements OnApplicationShutdown {
  constructor(@Inject(DID_PKCS11_TOKEN) private readonly token: Pkcs11Token | null) {}

  onApplicationShutdown(): void {
    this.token?.close();
  }
}

export function didKeyCustodyProviders(config: IdentityConfig): Provider[] {
  const options = { systemActor: IDENTITY_SYSTEM_ACTOR };
  return [
    {
      provide: KeyCustodyStore,
      inject: [MikroORM],
      useFactory: (orm: MikroORM) => new PostgresKeyCustodyStore(orm, IdentityKeyTopics.keyUsed),
    },
    {
      provide: DID_PKCS11_TOKEN,
      useFactory: async (): Promise<Pkcs11Token | null> => {
        if (config.STRATA_KEYVAULT !== 'pkcs11') return null;
        if (!config.STRATA_PKCS11_PIN) {
          throw new KeyVaultConfigError(
            'STRATA_PKCS11_PIN is required with STRATA_KEYVAULT=pkcs11',
          );
        }
        return Pkcs11Token.open({
          modulePath: config.STRATA_PKCS11_MODULE,
          tokenLabel: config.STRATA_PKCS11_TOKEN_LABEL,
          pin: config.STRATA_PKCS11_PIN,
        });
      },
    },
    DidTokenCloser,
    {
      provide: SoftwareKeyVault,
      inject: [KeyCustodyStore, Clock],
      useFactory: (store: KeyCustodyStore, clock: Clock) =>
        new SoftwareKeyVault(store, clock, identityKeystorePassphrase(config), options),
    },
    {
      provide: DID_HSM_VAULT,
      inject: [KeyCustodyStore, Clock, DID_PKCS11_TOKEN],
      useFactory: (store: KeyCustodyStore, clock: Clock, token: Pkcs11Token | null) =>
        token ? new Pkcs11KeyVault(store, clock, token, options) : null,
    },
    DidKeyCustody,
    {
      provide: LEGACY_DID_KEY_ENCRYPTION,
      useFactory: () => new KeyEncryption(identityKeystorePassphrase(config)),
    },
    LegacyDidKeys,
  ];
}
