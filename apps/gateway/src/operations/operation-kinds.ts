/**
 * The commands the gateway turns POSTs into: which topic each goes to, how its reply's result is
 * checked and where the created resource lives. Adding a write endpoint adds an entry here.
 */
import {
  ConsortiumTopics,
  LedgerTransactionTopics,
  networkSchema,
  nodeSchema,
  organisationSchema,
  provisioningPlanSchema,
  signingAccountSchema,
  Topics,
  transactionSchema,
} from '@strata/contracts';
import { proposalSchema } from '@strata/contracts';
import {
  masterAccountActionRecordSchema,
  masterAccountSchema,
  MasterAccountTopics,
} from '@strata/contracts';
import { IdentityTopics, managedDidSchema } from '@strata/contracts';
import { CredentialTopics, issuedCredentialSchema } from '@strata/contracts';
import { credentialStatusRecordSchema, StatusListTopics } from '@strata/contracts';
import { eventListenerSchema, EventListenerTopics } from '@strata/contracts';
import {
  effectiveTransactionSettingsSchema,
  NetworkTransactionSettingsTopics,
  TransactionInterventionTopics,
  transactionCancellationSchema,
} from '@strata/contracts';
import { createdEventStreamSchema, eventStreamSchema, EventStreamTopics } from '@strata/contracts';
import { monitoringSettingsSchema, MonitoringTopics } from '@strata/contracts';
import { AuditorGrantTopics, auditorGrantSchema } from '@strata/contracts';
import { anchoringSchema, AuditLogTopics } from '@strata/contracts';
import type { z } from 'zod';

export interface OperationKind {
  topic: string;
  result: z.ZodType<{ id: string }>;
  location: (result: { id: string }) => string;
}

function cancellationLocation(r: { id: string }): string {
  const { networkId, transactionId } = r as { networkId?: string; transactionId?: string };
  return `/api/v1/networks/${networkId}/transactions/${transactionId}`;
}

export const OPERATION_KINDS = {
  'register-organisation': {
    topic: Topics.platformMgmt.registerOrganisation,
    result: organisationSchema,
    location: (r) => `/api/v1/organisations/${r.id}`,
  },
  'register-network': {
    topic: Topics.platformMgmt.registerNetwork,
    result: networkSchema,
    location: (r) => `/api/v1/networks/${r.id}`,
  },
  'provision-network': {
    topic: ConsortiumTopics.provisionNetwork,
    result: provisioningPlanSchema,
    location: (r) => `/api/v1/networks/${r.id}/provisioning`,
  },
  'join-node': {
    topic: ConsortiumTopics.joinNode,
    result: nodeSchema,
    location: (r) => `/api/v1/networks/${(r as { networkId?: string }).networkId}/nodes/${r.id}`,
  },
  'leave-node': {
    topic: ConsortiumTopics.leaveNode,
    result: nodeSchema,
    location: (r) => `/api/v1/networks/${(r as { networkId?: string }).networkId}/nodes/${r.id}`,
  },
  'create-signing-account': {
    topic: LedgerTransactionTopics.createSigningAccount,
    result: signingAccountSchema,
    location: (r) => `/api/v1/networks/${(r as { networkId?: string }).networkId}/accounts`,
  },
  'submit-transaction': {
    topic: LedgerTransactionTopics.submitTransaction,
    result: transactionSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/transactions/${r.id}`,
  },
  'speed-up-transaction': {
    topic: TransactionInterventionTopics.speedUpTransaction,
    result: transactionSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/transactions/${r.id}`,
  },
  'request-transaction-cancel': {
    topic: TransactionInterventionTopics.requestTransactionCancel,
    result: transactionCancellationSchema,
    location: (r) => cancellationLocation(r),
  },
  'approve-transaction-cancel': {
    topic: TransactionInterventionTopics.approveTransactionCancel,
    result: transactionCancellationSchema,
    location: (r) => cancellationLocation(r),
  },
  'set-network-transaction-settings': {
    topic: NetworkTransactionSettingsTopics.setNetworkTransactionSettings,
    result: effectiveTransactionSettingsSchema,
    location: (r) => `/api/v1/networks/${r.id}/transaction-settings`,
  },
  'submit-proposal': {
    topic: ConsortiumTopics.submitProposal,
    result: proposalSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/proposals/${r.id}`,
  },
  'cast-vote': {
    topic: ConsortiumTopics.castVote,
    result: proposalSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/proposals/${r.id}`,
  },
  'deploy-master-account': {
    topic: MasterAccountTopics.deployMasterAccount,
    result: masterAccountSchema,
    location: (r) => `/api/v1/networks/${(r as { networkId?: string }).networkId}/master-account`,
  },
  'submit-master-account-action': {
    topic: MasterAccountTopics.submitMasterAccountAction,
    result: masterAccountActionRecordSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/master-account/actions/${r.id}`,
  },
  'create-did': {
    topic: IdentityTopics.createDid,
    result: managedDidSchema,
    location: (r) => `/api/v1/identifiers/${r.id}`,
  },
  'issue-credential': {
    topic: CredentialTopics.issueCredential,
    result: issuedCredentialSchema,
    location: (r) => `/api/v1/credentials/${r.id}`,
  },
  'change-credential-status': {
    topic: StatusListTopics.changeCredentialStatus,
    result: credentialStatusRecordSchema,
    location: (r) => `/api/v1/credentials/${r.id}`,
  },
  'create-event-listener': {
    topic: EventListenerTopics.createEventListener,
    result: eventListenerSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/event-listeners/${r.id}`,
  },
  'change-event-listener': {
    topic: EventListenerTopics.changeEventListener,
    result: eventListenerSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/event-listeners/${r.id}`,
  },
  'create-event-stream': {
    topic: EventStreamTopics.createEventStream,
    result: createdEventStreamSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/event-streams/${r.id}`,
  },
  'change-event-stream': {
    topic: EventStreamTopics.changeEventStream,
    result: eventStreamSchema,
    location: (r) =>
      `/api/v1/networks/${(r as { networkId?: string }).networkId}/event-streams/${r.id}`,
  },
  'configure-monitoring': {
    topic: MonitoringTopics.configureMonitoring,
    result: monitoringSettingsSchema,
    location: (r) => `/api/v1/networks/${r.id}/monitoring/settings`,
  },
  'configure-audit-anchoring': {
    topic: AuditLogTopics.configureAnchoring,
    result: anchoringSchema,
    location: () => '/api/v1/audit-log/anchoring',
  },
  'grant-auditor-access': {
    topic: AuditorGrantTopics.grantAuditorAccess,
    result: auditorGrantSchema,
    location: (r) => `/api/v1/auditor-grants/${r.id}`,
  },
  'revoke-auditor-grant': {
    topic: AuditorGrantTopics.revokeAuditorGrant,
    result: auditorGrantSchema,
    location: (r) => `/api/v1/auditor-grants/${r.id}`,
  },
} as const satisfies Record<string, OperationKind>;

export type OperationKindName = keyof typeof OPERATION_KINDS;

export function operationKind(name: string): OperationKind | undefined {
  return (OPERATION_KINDS as Record<string, OperationKind>)[name];
}
