/**
 * The on-chain trust registries on the bus (identity owns them): EBSI-shaped reads of the DID
 * registry (`/identifiers`), the trusted issuers registry (`/issuers`, `/issuers/{did}/attributes`)
 * and the trusted schemas registry (`/schemas`), and signed changes. A change is an EIP-712 message
 * signed by the acting DID's key (ADR 0010): `prepare-trust-change` answers what to sign (with the
 * current on-chain nonce), `encode-trust-change` turns the signed change into the contract call the
 * organisation's signing account submits through the ledger.
 */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../pagination';
import { evmAddressSchema } from '../ledger/transactions';

export const TrustRegistryTopics = {
  /** Reads and change preparation (request/reply). */
  queries: 'strata.identity.trust-registry-queries.v1',
} as const;

const hexBytes = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), { error: `must be ${bytes} bytes of hex` });
export const schemaIdSchema = hexBytes(32);
const didSchema = z.string().min(1).max(512);
const fragmentSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,31}$/, { error: 'a fragment is 1-31 characters of A-Za-z0-9._-' });
export const didRelationshipSchema = z.enum([
  'authentication',
  'assertionMethod',
  'capabilityInvocation',
  'capabilityDelegation',
]);

export const trustChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('register-did'),
      did: didSchema,
      fragment: fragmentSchema,
      /** secp256k1 public key, x ‖ y (64 bytes). */
      publicKey: hexBytes(64),
    })
    .strict(),
  z
    .object({
      kind: z.literal('add-verification-method'),
      did: didSchema,
      signerDid: didSchema,
      fragment: fragmentSchema,
      keyType: z.enum(['secp256k1', 'p256', 'ed25519']),
      /** x ‖ y (64 bytes) for secp256k1 and P-256, 32 bytes for Ed25519. */
      publicKey: z.union([hexBytes(64), hexBytes(32)]),
      relationships: z.array(didRelationshipSchema).min(1).max(4),
    })
    .strict(),
  z
    .object({
      kind: z.literal('expire-verification-method'),
      did: didSchema,
      signerDid: didSchema,
      fragment: fragmentSchema,
    })
    .strict(),
  z
    .object({
      kind: z.enum(['add-controller', 'remove-controller']),
      did: didSchema,
      signerDid: didSchema,
      controller: didSchema,
    })
    .strict(),
  z.object({ kind: z.literal('deactivate-did'), did: didSchema, signerDid: didSchema }).strict(),
  z
    .object({
      kind: z.literal('accredit'),
      subjectDid: didSchema,
      role: z.enum(['TAO', 'TI']),
      schemas: z.array(schemaIdSchema).min(1).max(32),
      accreditorDid: didSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('revoke-accreditation'),
      attributeId: z.string().regex(/^\d{1,20}$/, { error: 'must be a decimal attribute id' }),
      revokerDid: didSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('register-schema'),
      schemaId: schemaIdSchema,
      uri: z.url().max(2048),
      registrantDid: didSchema,
    })
    .strict(),
]);
export type TrustChange = z.infer<typeof trustChangeSchema>;

const deadlineSchema = z
  .string()
  .regex(/^\d{1,12}$/, { error: 'must be unix seconds as a decimal string' });

export const prepareTrustChangeSchema = z
  .object({ change: trustChangeSchema, deadline: deadlineSchema })
  .strict();
export type PrepareTrustChange = z.infer<typeof prepareTrustChangeSchema>;

/** What the acting DID's key signs: the EIP-712 digest (and the typed data a wallet shows). */
export const preparedTrustChangeSchema = z.object({
  digest: hexBytes(32),
  nonce: z.string(),
  deadline: z.string(),
  contract: evmAddressSchema,
  domain: z.record(z.string(), z.unknown()),
});
export type PreparedTrustChange = z.infer<typeof preparedTrustChangeSchema>;

export const submitTrustChangeSchema = z
  .object({
    /** One of the caller organisation's signing accounts on the trust network (pays, carries no authority). */
    from: evmAddressSchema,
    change: trustChangeSchema,
    deadline: deadlineSchema,
    /** 65-byte secp256k1 signature of the prepared digest by a key of the acting DID. */
    signature: hexBytes(65),
  })
  .strict();
export type SubmitTrustChange = z.infer<typeof submitTrustChangeSchema>;

/** The contract call identity encodes for a signed change (submitted by the gateway to the ledger). */
export const encodedTrustChangeSchema = z.object({
  networkId: z.uuid(),
  to: evmAddressSchema,
  /** The contract's ABI, so the ledger decodes a would-be revert (custom errors) into its 422. */
  abi: z.array(z.record(z.string(), z.unknown())),
  data: z.string(),
});
export type EncodedTrustChange = z.infer<typeof encodedTrustChangeSchema>;

export const listedDidSchema = z.object({ did: z.string(), href: z.string() });
export const listedDidPageSchema = pageSchema(listedDidSchema);

export const trustedIssuerSchema = z.object({
  did: z.string(),
  /** Whether at least one accreditation of the issuer is in force. */
  accredited: z.boolean(),
  attributes: z.string(),
});
export type TrustedIssuer = z.infer<typeof trustedIssuerSchema>;
export const trustedIssuerPageSchema = pageSchema(trustedIssuerSchema);

export const issuerAttributeSchema = z.object({
  id: z.string(),
  issuerType: z.enum(['RootTAO', 'TAO', 'TI', 'Revoked']),
  /** The accreditor's DID (the RootTAO names itself). */
  tao: z.string(),
  schemas: z.array(z.string()),
  validFrom: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** It and every accreditation above it are unrevoked. */
  inForce: z.boolean(),
});
export type IssuerAttribute = z.infer<typeof issuerAttributeSchema>;
export const issuerAttributePageSchema = pageSchema(issuerAttributeSchema);

export const trustedSchemaSchema = z.object({
  id: z.string(),
  uri: z.string(),
  registrant: z.string(),
  registeredAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TrustedSchema = z.infer<typeof trustedSchemaSchema>;
export const trustedSchemaPageSchema = pageSchema(trustedSchemaSchema);

export const trustRegistryQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('list-dids'), params: pageRequestSchema }),
  z.object({ query: z.literal('list-issuers'), params: pageRequestSchema }),
  z.object({ query: z.literal('get-issuer'), did: didSchema }),
  z.object({
    query: z.literal('list-issuer-attributes'),
    did: didSchema,
    params: pageRequestSchema,
  }),
  z.object({ query: z.literal('list-schemas'), params: pageRequestSchema }),
  z.object({ query: z.literal('get-schema'), id: schemaIdSchema }),
  z.object({ query: z.literal('prepare-change'), input: prepareTrustChangeSchema }),
  z.object({ query: z.literal('encode-change'), input: submitTrustChangeSchema }),
]);
export type TrustRegistryQuery = z.infer<typeof trustRegistryQuerySchema>;
