/**
 * Kafka topic names. Events are `strata.<app>.<fact>.v<N>` (past tense), commands
 * `strata.<app>.<verb>.v<N>`. Tests and side-by-side deployments isolate themselves with a
 * prefix (`STRATA_TOPIC_PREFIX`), applied by the bus when it talks to Kafka, never here.
 */
export const Topics = {
  platformMgmt: {
    registerOrganisation: 'strata.platform-mgmt.register-organisation.v1',
    organisationRegistered: 'strata.platform-mgmt.organisation-registered.v1',
    registerNetwork: 'strata.platform-mgmt.register-network.v1',
    networkRegistered: 'strata.platform-mgmt.network-registered.v1',
    networkMembershipChanged: 'strata.platform-mgmt.network-membership-changed.v1',
    queries: 'strata.platform-mgmt.queries.v1',
  },
  ledger: {
    queries: 'strata.ledger.queries.v1',
  },
  /** Each app that sends commands/queries receives replies on its own reply topic. */
  replies: (app: AppName): string => `strata.${app}.replies.v1`,
  /** Where a consumer parks a message it could not process after bounded retries. */
  deadLetter: (topic: string): string => `${topic}.dlq`,
} as const;

export const APP_NAMES = [
  'gateway',
  'ledger',
  'platform-mgmt',
  'identity',
  'template-marketplace',
  'app-store',
] as const;
export type AppName = (typeof APP_NAMES)[number];
