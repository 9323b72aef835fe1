/**
 * Strata's own contracts (solidity/): generated artifacts and their typed bindings.
 */
export * from './contract-artifact';
export * from './generated';
export * from './master-account-actions';
export * from './organisation-id';
export * from './trust-registry-actions';
