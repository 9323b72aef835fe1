/** Contracts of platform-mgmt's consortium side: QBFT provisioning, nodes, governance. */
export * from './topics';
export * from './nodes';
export * from './provisioning';
export * from './queries';
export * from './governance';
