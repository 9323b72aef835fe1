/**
 * Key custody shared by the apps that sign: the KeyVault port, the software keystore and PKCS#11
 * (HSM) adapters over one custody store with per-key usage policy and an audited signature trail,
 * their configuration and Nest providers. Each app keeps the custody tables in its own schema.
 */
export * from './key-vault';
export * from './key-vault.config';
export * from './key-vault.providers';
export * from './in-memory-key-vault';
export * from './custody/custodied-key-vault';
export * from './custody/custody-key.entity';
export * from './custody/ethereum-signature';
export * from './custody/key-custody-store';
export * from './custody/key-usage-policy';
export * from './custody/key-usage.entity';
export * from './custody/postgres-key-custody-store';
export * from './pkcs11/pkcs11-key-vault';
export * from './pkcs11/pkcs11-token';
export * from './software/software-key-vault';
