/**
 * The OpenAPI component schemas, derived from the zod schemas of libs/contracts with
 * `z.toJSONSchema` (draft 2020-12, what OpenAPI 3.1 uses): one source of truth for validation
 * and documentation. Request bodies use the input view (defaults optional), responses the output.
 */
import {
  vcApiIssueRequestSchema,
  vcApiIssueResponseSchema,
  vcApiVerificationSchema,
  vcApiVerifyCredentialRequestSchema,
  vcApiVerifyPresentationRequestSchema,
} from '@strata/contracts';
import {
  createdEventStreamSchema,
  createEventStreamSchema,
  deadLetterListSchema,
  eventStreamListSchema,
  eventStreamSchema,
  redriveDeadLettersSchema,
  replayEventStreamSchema,
  streamDeliverySchema,
} from '@strata/contracts';
import {
  effectiveTransactionSettingsSchema,
  networkTransactionSettingsSchema,
  approveTransactionCancelSchema,
  requestTransactionCancelSchema,
  speedUpTransactionSchema,
  transactionCancellationSchema,
} from '@strata/contracts';
import {
  issuerAttributePageSchema,
  listedDidPageSchema,
  preparedTrustChangeSchema,
  prepareTrustChangeSchema,
  submitTrustChangeSchema,
  trustedIssuerPageSchema,
  trustedIssuerSchema,
  trustedSchemaPageSchema,
  trustedSchemaSchema,
} from '@strata/contracts';
import {
  presentationVerificationSchema,
  verifyPresentationSchema,
  changeCredentialStatusSchema,
  credentialStatusRecordSchema,
  statusListCredentialSchema,
  issueCredentialSchema,
  issuedCredentialSchema,
  verificationResultSchema,
  verifyCredentialSchema,
  createDidSchema,
  didResolutionResultSchema,
  managedDidSchema,
  createSigningAccountSchema,
  signingAccountPageSchema,
  signingAccountSchema,
  submitTransactionSchema,
  transactionPageSchema,
  transactionSchema,
  joinNodeBodySchema,
  networkDetailSchema,
  networkPageSchema,
  networkSchema,
  organisationPageSchema,
  organisationSchema,
  registerNetworkSchema,
  registerOrganisationSchema,
  nodeListSchema,
  nodeSchema,
  provisioningBundleSchema,
  provisioningPlanSchema,
  provisionNetworkBodySchema,
} from '@strata/contracts';
import {
  castVoteBodySchema,
  proposalListSchema,
  proposalSchema,
  submitProposalBodySchema,
} from '@strata/contracts';
import {
  deployMasterAccountSchema,
  createEventListenerSchema,
  eventListenerListSchema,
  eventListenerSchema,
  masterAccountActionRecordSchema,
  masterAccountSchema,
  submitMasterAccountActionSchema,
} from '@strata/contracts';
import {
  alertPageSchema,
  monitoringSettingsBodySchema,
  monitoringSettingsSchema,
  networkHealthSchema,
  nodeHealthSchema,
  auditorAccessSchema,
  auditorGrantPageSchema,
  auditorGrantSchema,
  grantAuditorAccessBodySchema,
} from '@strata/contracts';
import {
  anchoringSchema,
  auditAnchorPageSchema,
  auditEntryPageSchema,
  auditExportSchema,
  configureAnchoringSchema,
  inclusionProofSchema,
} from '@strata/contracts';
import {
  blockDetailSchema,
  blockPageSchema,
  eventPageSchema,
  searchResultSchema,
  transactionDetailSchema,
} from '@strata/contracts';
import { z } from 'zod';
import { operationAcceptedSchema, operationSchema } from '../operations/operation.schema';
import { problemSchema } from '../problems/problem.schema';

type Io = 'input' | 'output';

const COMPONENTS = {
  Organisation: [organisationSchema, 'output'],
  OrganisationPage: [organisationPageSchema, 'output'],
  RegisterOrganisation: [registerOrganisationSchema, 'input'],
  Network: [networkSchema, 'output'],
  NetworkDetail: [networkDetailSchema, 'output'],
  NetworkPage: [networkPageSchema, 'output'],
  RegisterNetwork: [registerNetworkSchema, 'input'],
  ProvisionNetwork: [provisionNetworkBodySchema, 'input'],
  ProvisioningPlan: [provisioningPlanSchema, 'output'],
  ProvisioningBundle: [provisioningBundleSchema, 'output'],
  NetworkNode: [nodeSchema, 'output'],
  NetworkNodeList: [nodeListSchema, 'output'],
  JoinNode: [joinNodeBodySchema, 'input'],
  SigningAccount: [signingAccountSchema, 'output'],
  SigningAccountPage: [signingAccountPageSchema, 'output'],
  CreateSigningAccount: [createSigningAccountSchema, 'input'],
  CreateDid: [createDidSchema, 'input'],
  ManagedDid: [managedDidSchema, 'output'],
  DidResolutionResult: [didResolutionResultSchema, 'output'],
  IssueCredential: [issueCredentialSchema, 'input'],
  IssuedCredential: [issuedCredentialSchema, 'output'],
  VerifyCredential: [verifyCredentialSchema, 'input'],
  VerificationResult: [verificationResultSchema, 'output'],
  ChangeCredentialStatus: [changeCredentialStatusSchema, 'input'],
  CredentialStatusRecord: [credentialStatusRecordSchema, 'output'],
  StatusListCredential: [statusListCredentialSchema, 'output'],
  VerifyPresentation: [verifyPresentationSchema, 'input'],
  PresentationVerification: [presentationVerificationSchema, 'output'],
  VcApiIssueRequest: [vcApiIssueRequestSchema, 'input'],
  VcApiIssueResponse: [vcApiIssueResponseSchema, 'output'],
  VcApiVerifyCredentialRequest: [vcApiVerifyCredentialRequestSchema, 'input'],
  VcApiVerifyPresentationRequest: [vcApiVerifyPresentationRequestSchema, 'input'],
  VcApiVerification: [vcApiVerificationSchema, 'output'],
  ListedDidPage: [listedDidPageSchema, 'output'],
  TrustedIssuer: [trustedIssuerSchema, 'output'],
  TrustedIssuerPage: [trustedIssuerPageSchema, 'output'],
  IssuerAttributePage: [issuerAttributePageSchema, 'output'],
  TrustedSchema: [trustedSchemaSchema, 'output'],
  TrustedSchemaPage: [trustedSchemaPageSchema, 'output'],
  PrepareTrustChange: [prepareTrustChangeSchema, 'input'],
  PreparedTrustChange: [preparedTrustChangeSchema, 'output'],
  SubmitTrustChange: [submitTrustChangeSchema, 'input'],
  SubmitTransaction: [submitTransactionSchema, 'input'],
  LedgerTransaction: [transactionSchema, 'output'],
  LedgerTransactionPage: [transactionPageSchema, 'output'],
  SpeedUpTransaction: [speedUpTransactionSchema, 'input'],
  RequestTransactionCancel: [requestTransactionCancelSchema, 'input'],
  ApproveTransactionCancel: [approveTransactionCancelSchema, 'input'],
  TransactionCancellation: [transactionCancellationSchema, 'output'],
  NetworkTransactionSettings: [networkTransactionSettingsSchema, 'input'],
  EffectiveTransactionSettings: [effectiveTransactionSettingsSchema, 'output'],
  DeployMasterAccount: [deployMasterAccountSchema, 'input'],
  MasterAccount: [masterAccountSchema, 'output'],
  SubmitMasterAccountAction: [submitMasterAccountActionSchema, 'input'],
  MasterAccountAction: [masterAccountActionRecordSchema, 'output'],
  CreateEventListener: [createEventListenerSchema, 'input'],
  EventListener: [eventListenerSchema, 'output'],
  EventListenerList: [eventListenerListSchema, 'output'],
  BlockPage: [blockPageSchema, 'output'],
  BlockDetail: [blockDetailSchema, 'output'],
  TransactionDetail: [transactionDetailSchema, 'output'],
  EventPage: [eventPageSchema, 'output'],
  SearchResult: [searchResultSchema, 'output'],
  CreateEventStream: [createEventStreamSchema, 'input'],
  CreatedEventStream: [createdEventStreamSchema, 'output'],
  EventStream: [eventStreamSchema, 'output'],
  EventStreamList: [eventStreamListSchema, 'output'],
  ReplayEventStream: [replayEventStreamSchema, 'input'],
  RedriveDeadLetters: [redriveDeadLettersSchema, 'input'],
  DeadLetterList: [deadLetterListSchema, 'output'],
  StreamDelivery: [streamDeliverySchema, 'output'],
  SubmitProposal: [submitProposalBodySchema, 'input'],
  CastVote: [castVoteBodySchema, 'input'],
  Proposal: [proposalSchema, 'output'],
  ProposalList: [proposalListSchema, 'output'],
  NetworkHealth: [networkHealthSchema, 'output'],
  NodeHealth: [nodeHealthSchema, 'output'],
  AlertPage: [alertPageSchema, 'output'],
  MonitoringSettings: [monitoringSettingsSchema, 'output'],
  ConfigureMonitoring: [monitoringSettingsBodySchema, 'input'],
  GrantAuditorAccess: [grantAuditorAccessBodySchema, 'input'],
  AuditorGrant: [auditorGrantSchema, 'output'],
  AuditorGrantPage: [auditorGrantPageSchema, 'output'],
  AuditorAccess: [auditorAccessSchema, 'output'],
  AuditEntryPage: [auditEntryPageSchema, 'output'],
  AuditInclusionProof: [inclusionProofSchema, 'output'],
  AuditAnchorPage: [auditAnchorPageSchema, 'output'],
  AuditExport: [auditExportSchema, 'output'],
  AuditAnchoring: [anchoringSchema, 'output'],
  ConfigureAuditAnchoring: [configureAnchoringSchema, 'input'],
  Operation: [operationSchema, 'output'],
  OperationAccepted: [operationAcceptedSchema, 'output'],
  Problem: [problemSchema, 'output'],
} as const satisfies Record<string, readonly [z.ZodType, Io]>;

export type ComponentName = keyof typeof COMPONENTS;
export type JsonSchema = Record<string, unknown>;

export function jsonSchemaOf(schema: z.ZodType, io: Io): JsonSchema {
  const json: JsonSchema = {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }),
  };
  delete json.$schema;
  return json;
}

export function componentSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(COMPONENTS).map(([name, [schema, io]]) => [name, jsonSchemaOf(schema, io)]),
  );
}

export function ref(name: ComponentName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}
