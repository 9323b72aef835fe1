/**
 * Custody of DID keys on the bus: `strata.identity.key-used.v1` is published through identity's
 * outbox, in the transaction that records it, for every signature made with a DID key held in
 * the KeyVault (credentials, presentations of status lists): who, with which key, over what,
 * when and why. Refused signatures publish nothing.
 */
import { z } from 'zod';
import { roleSchema } from '../roles';

export const IdentityKeyTopics = {
  keyUsed: 'strata.identity.key-used.v1',
} as const;

/** Curves a KeyVault key can be on (the did:key key types). */
export const KEY_CURVES = ['secp256k1', 'P-256', 'Ed25519'] as const;

/** Roles that may sign with a DID key (per key; institution-admin and operator by default). */
export const signerRolesSchema = z
  .array(roleSchema.exclude(['auditor', 'vendor']))
  .min(1)
  .max(3)
  .refine((roles) => new Set(roles).size === roles.length, { error: 'roles must be unique' });

export const didKeyUsedSchema = z.object({
  usageId: z.uuid(),
  keyId: z.uuid(),
  ownerOrganisationId: z.string().min(1),
  custody: z.enum(['software', 'pkcs11']),
  curve: z.enum(KEY_CURVES),
  /** The actor's subject, or `system:identity` when identity signs on its own (status lists). */
  actor: z.string().min(1),
  actorOrganisationId: z.string().optional(),
  purpose: z.literal('jws'),
  /** SHA-256 of the signed JWS signing input. */
  digest: z.string().regex(/^0x[0-9a-f]{64}$/),
  reason: z.string(),
  signedAt: z.iso.datetime(),
});
export type DidKeyUsed = z.infer<typeof didKeyUsedSchema>;
