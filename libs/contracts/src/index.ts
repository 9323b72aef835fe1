export * from './roles';
export * from './envelope';
export * from './topics';
export * from './pagination';
export * from './platform-mgmt/organisations';
export * from './platform-mgmt/networks';
export * from './platform-mgmt/queries';
export * from './ledger/queries';
