/** identity's configuration (environment variables). */
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';
import { trustRegistryConfigShape } from './trust-registry/trust-registry.config';
import { keyVaultConfigShape } from '@strata/key-custody';
import { issuancePoliciesConfig } from './credentials/issuance-policy';

/** The passphrase used when none is configured, for local development and tests only. */
export const LOCAL_IDENTITY_KEYSTORE_PASSPHRASE = 'strata-local-development-identity-keystore';

// The same STRATA_KEYVAULT / STRATA_PKCS11_* settings as the ledger; the software keystore's
// passphrase is identity's own (STRATA_IDENTITY_KEYSTORE_PASSPHRASE).
const didKeyVaultShape = {
  STRATA_KEYVAULT: keyVaultConfigShape.STRATA_KEYVAULT,
  STRATA_PKCS11_MODULE: keyVaultConfigShape.STRATA_PKCS11_MODULE,
  STRATA_PKCS11_TOKEN_LABEL: keyVaultConfigShape.STRATA_PKCS11_TOKEN_LABEL,
  STRATA_PKCS11_PIN: keyVaultConfigShape.STRATA_PKCS11_PIN,
};

export const identityConfigSchema = baseConfigSchema({ port: 3103 }).extend({
  ...trustRegistryConfigShape,
  ...didKeyVaultShape,
  /** JSON object from credential type or credentialSchema id to the eIDAS level its issuer's login needs. */
  STRATA_IDENTITY_ISSUANCE_POLICIES: issuancePoliciesConfig,
  /** Passphrase the key-encryption key of platform-held DID keys is derived from (scrypt). Required in production. */
  STRATA_IDENTITY_KEYSTORE_PASSPHRASE: z.string().min(16).optional(),
  /** Public URL under which the gateway serves status list credentials (GET {url}/{id}). */
  STRATA_IDENTITY_STATUS_LIST_BASE_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:3000/api/v1/status-lists'),
});
export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env): IdentityConfig =>
  loadConfig(identityConfigSchema, env);

/** The DID keystore passphrase; refuses the local default in production. */
export function identityKeystorePassphrase(
  config: Pick<IdentityConfig, 'STRATA_IDENTITY_KEYSTORE_PASSPHRASE'>,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): string {
  if (config.STRATA_IDENTITY_KEYSTORE_PASSPHRASE) return config.STRATA_IDENTITY_KEYSTORE_PASSPHRASE;
  if (nodeEnv === 'production') {
    throw new Error(
      'STRATA_IDENTITY_KEYSTORE_PASSPHRASE must be set when NODE_ENV=production (the local default would protect nothing)',
    );
  }
  return LOCAL_IDENTITY_KEYSTORE_PASSPHRASE;
}
