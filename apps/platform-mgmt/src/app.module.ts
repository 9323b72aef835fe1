/** platform-mgmt: registry of organisations and networks (more of the platform-management layer follows). */
import { Module } from '@nestjs/common';
import { Requester } from '@strata/bus';
import { Clock, serviceModules, SystemClock, WebhookTargets } from '@strata/runtime';
import { loadPlatformMgmtConfig } from './config';
import { PLATFORM_MGMT_MIGRATIONS } from './migrations';
import { ChainStatusClient } from './networks/chain-status.client';
import { NetworksService } from './networks/networks.service';
import { OrganisationsService } from './organisations/organisations.service';
import { RegistryHandlers } from './registry.handlers';
import { NodesService } from './nodes/nodes.service';
import { NodePermissioning } from './nodes/node-permissioning';
import { ConsensusAdmin } from './consensus-admin/consensus-admin';
import { JsonRpcConsensusAdmin } from './consensus-admin/json-rpc-consensus-admin';
import { GovernanceMetrics } from './governance/governance-metrics';
import { GovernanceScheduler } from './governance/governance-scheduler';
import { GovernanceService } from './governance/governance.service';
import { ConsortiumHandlers } from './provisioning/consortium.handlers';
import { EncryptedNodeKeyStore } from './provisioning/encrypted-node-key-store';
import { NodeKeyStore } from './provisioning/node-key-store';
import { ProvisioningService } from './provisioning/provisioning.service';
import { PLATFORM_MGMT_ENTITIES } from './entities';
import { auditLogProviders } from './audit-log/audit-log.providers';
import { monitoringProviders } from './monitoring/monitoring.providers';
import { AuditorGrantsHandlers } from './auditor-grants/auditor-grants.handlers';
import { AuditorGrantsService } from './auditor-grants/auditor-grants.service';

const config = loadPlatformMgmtConfig();

@Module({
  imports: serviceModules({
    app: 'platform-mgmt',
    schema: 'platform_mgmt',
    config,
    entities: PLATFORM_MGMT_ENTITIES,
    migrations: PLATFORM_MGMT_MIGRATIONS,
  }),
  providers: [
    { provide: Clock, useClass: SystemClock },
    OrganisationsService,
    NetworksService,
    {
      provide: ChainStatusClient,
      inject: [Requester, Clock],
      useFactory: (requester: Requester, clock: Clock) =>
        new ChainStatusClient(requester, clock, config.STRATA_CHAIN_STATUS_TIMEOUT_MS),
    },
    RegistryHandlers,
    { provide: NodeKeyStore, useValue: new EncryptedNodeKeyStore(config.STRATA_NODE_KEY_SECRET) },
    ProvisioningService,
    NodesService,
    GovernanceMetrics,
    GovernanceService,
    { provide: ConsensusAdmin, useValue: new JsonRpcConsensusAdmin(5_000) },
    NodePermissioning,
    GovernanceScheduler,
    ConsortiumHandlers,
    ...auditLogProviders({
      intervalMs: config.STRATA_AUDIT_ANCHOR_INTERVAL_MS,
      maxEntries: config.STRATA_AUDIT_ANCHOR_MAX_ENTRIES,
    }),
    AuditorGrantsService,
    AuditorGrantsHandlers,
    ...monitoringProviders({
      intervalMs: config.STRATA_MONITORING_INTERVAL_MS,
      probeTimeoutMs: config.STRATA_MONITORING_PROBE_TIMEOUT_MS,
      webhookTargets: WebhookTargets.fromSetting(config.STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS),
    }),
  ],
})
export class AppModule {}
