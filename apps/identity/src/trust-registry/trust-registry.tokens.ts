/** Injection tokens of the trust registries (null when the deployment configures none). */
export const ON_CHAIN_REGISTRIES = Symbol('ON_CHAIN_REGISTRIES');
export const TRUST_NETWORK_ID = Symbol('TRUST_NETWORK_ID');
export const ISSUER_TRUST = Symbol('ISSUER_TRUST');
