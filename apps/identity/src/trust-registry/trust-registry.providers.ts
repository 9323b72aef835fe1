/**
 * Wiring of the trust registries into identity: the on-chain registries adapter (connected at
 * startup, null when not configured), the verifier's issuer trust, the service and its handlers.
 */
import type { OnModuleDestroy, Provider } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import {
  EthersOnChainRegistries,
  type OnChainRegistries,
} from '../did-registry/on-chain-registries';
import { OnChainIssuerTrust } from './issuer-trust';
import { type TrustRegistrySettings, trustRegistrySettings } from './trust-registry.config';
import { TrustRegistryHandlers } from './trust-registry.handlers';
import { TrustRegistryService } from './trust-registry.service';
import { ISSUER_TRUST, ON_CHAIN_REGISTRIES, TRUST_NETWORK_ID } from './trust-registry.tokens';

@Injectable()
class OnChainRegistriesShutdown implements OnModuleDestroy {
  constructor(@Inject(ON_CHAIN_REGISTRIES) private readonly registries: OnChainRegistries | null) {}

  async onModuleDestroy(): Promise<void> {
    await this.registries?.close();
  }
}

export function trustRegistryProviders(
  config: Parameters<typeof trustRegistrySettings>[0],
): Provider[] {
  const settings: TrustRegistrySettings | null = trustRegistrySettings(config);
  return [
    {
      provide: ON_CHAIN_REGISTRIES,
      useFactory: () => (settings ? EthersOnChainRegistries.connect(settings) : null),
    },
    { provide: TRUST_NETWORK_ID, useValue: settings?.networkId ?? null },
    {
      provide: ISSUER_TRUST,
      inject: [ON_CHAIN_REGISTRIES],
      useFactory: (registries: OnChainRegistries | null) =>
        registries ? new OnChainIssuerTrust(registries) : null,
    },
    OnChainRegistriesShutdown,
    TrustRegistryService,
    TrustRegistryHandlers,
  ];
}
