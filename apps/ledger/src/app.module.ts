/** ledger: the chain connector (this slice: network registry copy and live chain status). */
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ChainClient, EthersChainClient } from '@strata/chain';
import { serviceModules } from '@strata/runtime';
import { ChainStatusHandlersModuleProviders } from './chain-status';
import { Clock, SystemClock, WebhookTargets } from '@strata/runtime';
import { loadLedgerConfig } from './config';
import { DEFAULT_STREAM_LOG_RETENTION, eventStreamProviders } from './event-streams';
import { DEFAULT_EVENT_SYNC_SETTINGS, eventSyncProviders } from './event-sync';
import { explorerProviders } from './explorer';
import { LEDGER_ENTITIES } from './entities';
import { keyVaultProviders } from '@strata/key-custody';
import { masterAccountProviders } from './master-accounts';
import { LEDGER_MIGRATIONS } from './migrations';
import { MemberRemoval } from './networks/member-removal';
import { NetworkRegistryHandlers } from './networks/network-registry.handlers';
import { transactionProviders } from './transactions';
import { transactionInterventionProviders } from './transactions/interventions';

const config = loadLedgerConfig();

@Module({
  imports: serviceModules({
    app: 'ledger',
    schema: 'ledger',
    config,
    entities: LEDGER_ENTITIES,
    migrations: LEDGER_MIGRATIONS,
  }),
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: ChainClient,
      useFactory: () => new EthersChainClient(config.STRATA_CHAIN_TIMEOUT_MS),
    },
    ...ChainStatusHandlersModuleProviders,
    NetworkRegistryHandlers,
    MemberRemoval,
    ...keyVaultProviders(config),
    ...transactionProviders(config),
    ...transactionInterventionProviders,
    ...masterAccountProviders,
    ...eventSyncProviders({
      ...DEFAULT_EVENT_SYNC_SETTINGS,
      pollIntervalMs: config.STRATA_EVENT_SYNC_POLL_MS,
      headPollMs: config.STRATA_EVENT_SYNC_HEAD_POLL_MS,
    }),
    ...explorerProviders,
    ...eventStreamProviders(
      {
        ...DEFAULT_STREAM_LOG_RETENTION,
        retentionMs: config.STRATA_STREAM_LOG_RETENTION_HOURS * 60 * 60 * 1000,
      },
      WebhookTargets.fromSetting(config.STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS),
    ),
  ],
})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(ChainClient) private readonly chain: ChainClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.chain.close();
  }
}
