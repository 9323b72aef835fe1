/** Contracts of platform-mgmt's node monitoring and alerts. */
export * from './topics';
export * from './monitoring';
