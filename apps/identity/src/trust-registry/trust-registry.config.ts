/**
 * Where identity finds the network's trust contracts (ADR 0010): the JSON-RPC URL of a node of
 * the trust network, its ledger network id (signed changes are submitted there) and the three
 * contract addresses. All or none: without them the on-chain DID method, the registries' API and
 * the verifier's accreditation check are off.
 */
import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 0x-prefixed 20-byte hex address' })
  .optional();

export const trustRegistryConfigShape = {
  /** JSON-RPC URL of a node of the network holding the trust registries. */
  STRATA_IDENTITY_TRUST_RPC_URL: z.url().optional(),
  /** The ledger's id of that network; signed registry changes are submitted to it. */
  STRATA_IDENTITY_TRUST_NETWORK_ID: z.uuid().optional(),
  STRATA_IDENTITY_DID_REGISTRY_ADDRESS: address,
  STRATA_IDENTITY_TRUSTED_ISSUERS_REGISTRY_ADDRESS: address,
  STRATA_IDENTITY_TRUSTED_SCHEMAS_REGISTRY_ADDRESS: address,
};

type TrustRegistryConfig = {
  [K in keyof typeof trustRegistryConfigShape]?: string;
};

export interface TrustRegistrySettings {
  rpcUrl: string;
  networkId: string;
  didRegistry: string;
  trustedIssuersRegistry: string;
  trustedSchemasRegistry: string;
}

/** The settings when all are given, null when none is; throws when only some are. */
export function trustRegistrySettings(config: TrustRegistryConfig): TrustRegistrySettings | null {
  const values = {
    rpcUrl: config.STRATA_IDENTITY_TRUST_RPC_URL,
    networkId: config.STRATA_IDENTITY_TRUST_NETWORK_ID,
    didRegistry: config.STRATA_IDENTITY_DID_REGISTRY_ADDRESS,
    trustedIssuersRegistry: config.STRATA_IDENTITY_TRUSTED_ISSUERS_REGISTRY_ADDRESS,
    trustedSchemasRegistry: config.STRATA_IDENTITY_TRUSTED_SCHEMAS_REGISTRY_ADDRESS,
  };
  const given = Object.values(values).filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (given < Object.keys(values).length) {
    throw new Error(
      `set all of ${Object.keys(trustRegistryConfigShape).join(', ')} or none of them`,
    );
  }
  return values as TrustRegistrySettings;
}
