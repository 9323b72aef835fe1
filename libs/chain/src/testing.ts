/**
 * Test fixtures of the contracts (private anvil deployments and signing helpers), for specs of
 * the apps that use them; not part of the runtime entry point.
 */
export * from './contracts/master-account.fixture';
export * from './contracts/trust-registry.fixture';
