/**
 * Key custody on the bus: `strata.ledger.key-used.v1` is published (through the ledger's outbox,
 * in the transaction that records it) for every signature a key vault makes: who, with which
 * key, over what, when and why.
 */
import { z } from 'zod';

export const LedgerKeyTopics = {
  keyUsed: 'strata.ledger.key-used.v1',
} as const;

const hex32Schema = z.string().regex(/^0x[0-9a-f]{64}$/);

export const keyUsedSchema = z.object({
  usageId: z.uuid(),
  keyId: z.string().min(1),
  ownerOrganisationId: z.string().min(1),
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  custody: z.enum(['software', 'pkcs11']),
  /** The actor's subject, or `system:ledger` when the ledger re-signs on its own. */
  actor: z.string().min(1),
  actorOrganisationId: z.string().optional(),
  purpose: z.enum(['transaction', 'digest']),
  /** The signed digest (for a transaction, its unsigned hash). */
  digest: hex32Schema,
  txHash: hex32Schema.optional(),
  reason: z.string(),
  signedAt: z.iso.datetime(),
});
export type KeyUsed = z.infer<typeof keyUsedSchema>;
