/**
 * Configuration of key custody (part of the ledger's config schema): which KeyVault adapter a
 * deployment uses and its secrets. The keystore passphrase has a documented local default that
 * the ledger refuses to use when NODE_ENV=production.
 */
import { z } from 'zod';

/** The passphrase used when none is configured, for local development and tests only. */
export const LOCAL_KEYSTORE_PASSPHRASE = 'strata-local-development-keystore';

export const keyVaultConfigShape = {
  /** Where signing keys live: `software` (encrypted in the ledger's database) or `pkcs11` (HSM). */
  STRATA_KEYVAULT: z.enum(['software', 'pkcs11']).default('software'),
  /** Passphrase the software keystore's key-encryption key is derived from (scrypt). Required in production. */
  STRATA_KEYSTORE_PASSPHRASE: z.string().min(16).optional(),
  /** PKCS#11 module (shared library) of the HSM. */
  STRATA_PKCS11_MODULE: z.string().min(1).default('/usr/lib/softhsm/libsofthsm2.so'),
  /** Label of the PKCS#11 token that holds the keys. */
  STRATA_PKCS11_TOKEN_LABEL: z.string().min(1).default('strata'),
  /** User PIN of the PKCS#11 token (required with STRATA_KEYVAULT=pkcs11). */
  STRATA_PKCS11_PIN: z.string().min(1).optional(),
};

export const keyVaultConfigSchema = z.object(keyVaultConfigShape);
export type KeyVaultConfig = z.infer<typeof keyVaultConfigSchema>;

export class KeyVaultConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyVaultConfigError';
  }
}

/** The keystore passphrase; refuses the local default in production. */
export function keystorePassphrase(
  config: Pick<KeyVaultConfig, 'STRATA_KEYSTORE_PASSPHRASE'>,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): string {
  if (config.STRATA_KEYSTORE_PASSPHRASE) return config.STRATA_KEYSTORE_PASSPHRASE;
  if (nodeEnv === 'production') {
    throw new KeyVaultConfigError(
      'STRATA_KEYSTORE_PASSPHRASE must be set when NODE_ENV=production (the local default would protect nothing)',
    );
  }
  return LOCAL_KEYSTORE_PASSPHRASE;
}
