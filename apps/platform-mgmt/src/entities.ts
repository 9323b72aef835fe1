/** Every table platform-mgmt owns (besides the bus's outbox and inbox). */
import { Network, NetworkMember } from './networks/network.entity';
import { GovernanceProposal, GovernanceVote } from './governance/proposal.entity';
import { NetworkNode } from './nodes/network-node.entity';
import { Organisation } from './organisations/organisation.entity';
import { SealedNodeKey } from './provisioning/encrypted-node-key-store';
import { ProvisioningPlanRecord } from './provisioning/provisioning-plan.entity';
import { AUDIT_LOG_ENTITIES } from './audit-log/audit-log.entities';
import { MONITORING_ENTITIES } from './monitoring/monitoring.entities';
import { AuditorGrantRecord } from './auditor-grants/auditor-grant.entity';

export const PLATFORM_MGMT_ENTITIES = [
  Organisation,
  Network,
  NetworkMember,
  NetworkNode,
  ProvisioningPlanRecord,
  SealedNodeKey,
  GovernanceProposal,
  GovernanceVote,
  ...AUDIT_LOG_ENTITIES,
  ...MONITORING_ENTITIES,
  AuditorGrantRecord,
];
