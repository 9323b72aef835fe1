/**
 * The identity service's DIDs on the bus: creating a platform-held did:key for the caller's
 * organisation (command + `did-created.v1` event) and resolving a DID in the W3C DID
 * Resolution result form (query).
 */
import { z } from 'zod';
import { signerRolesSchema } from './keys';

export const IdentityTopics = {
  createDid: 'strata.identity.create-did.v1',
  didCreated: 'strata.identity.did-created.v1',
  /** DID resolution and other reads (request/reply). */
  queries: 'strata.identity.queries.v1',
} as const;

export const DID_KEY_TYPES = ['secp256k1', 'P-256', 'Ed25519'] as const;
export const didKeyTypeSchema = z.enum(DID_KEY_TYPES);
export type DidKeyType = z.infer<typeof didKeyTypeSchema>;

export const createDidSchema = z
  .object({
    method: z.literal('key'),
    keyType: didKeyTypeSchema,
    /** Roles of the organisation that may sign with the DID's key (default institution-admin, operator). */
    signerRoles: signerRolesSchema.optional(),
  })
  .strict();
export type CreateDid = z.infer<typeof createDidSchema>;

/** A DID the platform holds the key of, for one organisation. */
export const managedDidSchema = z.object({
  id: z.string(),
  method: z.literal('key'),
  keyType: didKeyTypeSchema,
  organisationId: z.uuid(),
  /** Where the private key is held: the software keystore or a PKCS#11 token (HSM). */
  custody: z.enum(['software', 'pkcs11']),
  /** Roles of the organisation that may sign with the key. */
  signerRoles: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type ManagedDid = z.infer<typeof managedDidSchema>;

/** A DID in a URL or request: bounded, checked for syntax by the resolver. */
export const didInputSchema = z.string().min(1).max(512);

/** W3C DID Resolution result (DID Resolution v0.3 / DID Core §7.1). */
export const didResolutionResultSchema = z.object({
  didDocument: z.record(z.string(), z.unknown()).nullable(),
  didResolutionMetadata: z.object({
    contentType: z.string().optional(),
    error: z.string().optional(),
  }),
  didDocumentMetadata: z.record(z.string(), z.unknown()),
});
export type DidResolutionResult = z.infer<typeof didResolutionResultSchema>;
