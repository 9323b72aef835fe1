/**
 * An issuer's Bitstring Status List for one purpose, and each issued credential's entry in its
 * issuer's lists (the same index in the revocation and the suspension list).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CREDENTIAL_STATUSES, STATUS_PURPOSES } from '@strata/contracts';

/** 131,072 entries: the spec's minimum list size, for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;

export const StatusList = defineEntity({
  name: 'StatusList',
  tableName: 'status_list',
  uniques: [{ properties: ['issuerDid', 'purpose'] }],
  properties: {
    id: p.uuid().primary(),
    issuerDid: p.string().length(200),
    purpose: p.enum(STATUS_PURPOSES),
    /** The bitstring (index 0 = most significant bit of the first byte). */
    bits: p.blob(),
    /** Next free index (allocated from the revocation list, shared by both purposes). */
    nextIndex: p.integer(),
    updatedAt: p.datetime(),
  },
});
export type StatusList = InferEntity<typeof StatusList>;

export const CredentialEntry = defineEntity({
  name: 'CredentialEntry',
  tableName: 'credential_entry',
  properties: {
    /** The credential's id (`urn:uuid:...`). */
    id: p.string().length(100).primary(),
    issuerDid: p.string().length(200).index(),
    organisationId: p.uuid(),
    statusIndex: p.integer(),
    status: p.enum(CREDENTIAL_STATUSES),
    issuedAt: p.datetime(),
    changedAt: p.datetime(),
  },
});
export type CredentialEntry = InferEntity<typeof CredentialEntry>;
