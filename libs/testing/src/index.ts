/**
 * @strata/testing: the real local stack (PostgreSQL, Kafka, Keycloak, anvil) for `npm start` and
 * the e2e tests, the app registry and process control, Keycloak token helpers, and e2e run access.
 */
export * from './wait';
export * from './progress';
export * from './database';
export * from './apps';
export * from './keycloak-client';
export * from './e2e-run';
export * from './stack/paths';
export * from './stack/state';
export * from './stack/process';
export * from './stack/stack';
export * from './stack/debian-packages';
export { KAFKA_BROKERS, KAFKA_PORT, KAFKA_VERSION, deleteTopicsWithPrefix } from './stack/kafka';
export { ANVIL_CHAIN_ID, ANVIL_RPC_URL, jsonRpc } from './stack/anvil';
export * from './stack/private-anvil';
export {
  bootstrapAdminToken,
  KEYCLOAK_BOOTSTRAP_ADMIN,
  KEYCLOAK_ISSUER,
  KEYCLOAK_REALM,
  KEYCLOAK_URL,
  KEYCLOAK_VERSION,
} from './stack/keycloak';
export { EMBEDDED_POSTGRES_URL, MACHINE_POSTGRES_URL } from './stack/postgres';
export * from './console-build';
export * from './fake-besu';
export * from './softhsm-test-token';
