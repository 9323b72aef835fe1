/**
 * Resolution of the deployment's on-chain DID method (`did:<method>:z...`) in the W3C DID
 * Resolution form. Keys are never removed on chain: every verification method stays listed with
 * its validity interval (in the document metadata), and the relationships (assertionMethod, ...)
 * name only the keys valid at the resolution time — now, or the `versionTime` a verifier asks for
 * (the credential's issuance), so signatures made before a rotation keep verifying.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import {
  DID_RELATIONSHIPS,
  type DidRelationship,
  onChainDid,
  parseOnChainDid,
} from '@strata/chain';
import type { DidKeyType } from '@strata/contracts';
import { encodeDidKey } from '../identifiers/did-key';
import type {
  OnChainDidRecord,
  OnChainRegistries,
  OnChainVerificationMethod,
} from './on-chain-registries';

export type OnChainResolution =
  | {
      didDocument: Record<string, unknown>;
      didResolutionMetadata: { contentType: string };
      didDocumentMetadata: Record<string, unknown>;
    }
  | {
      didDocument: null;
      didResolutionMetadata: {
        error: 'invalidDid' | 'methodNotSupported' | 'notFound' | 'deactivated';
        reason: string;
      };
      didDocumentMetadata: Record<string, unknown>;
    };

const KEY_TYPE: Record<OnChainVerificationMethod['keyType'], DidKeyType> = {
  secp256k1: 'secp256k1',
  p256: 'P-256',
  ed25519: 'Ed25519',
};

function publicKeyMultibase(method: OnChainVerificationMethod): string {
  const raw = Buffer.from(method.publicKey.slice(2), 'hex');
  const keyType = KEY_TYPE[method.keyType];
  const uncompressed = Uint8Array.from([4, ...raw]);
  const bytes =
    method.keyType === 'secp256k1'
      ? secp256k1.ProjectivePoint.fromHex(uncompressed).toRawBytes(true)
      : method.keyType === 'p256'
        ? p256.ProjectivePoint.fromHex(uncompressed).toRawBytes(true)
        : ed25519.ExtendedPoint.fromHex(raw).toRawBytes();
  return encodeDidKey(keyType, bytes).multibase;
}

/** Valid at `at`; with `at` null, valid in the chain's current state (not expired). */
const validAt = (method: OnChainVerificationMethod, at: Date | null): boolean =>
  at === null
    ? method.validUntil === null
    : method.validFrom.getTime() <= at.getTime() &&
      (method.validUntil === null || at.getTime() < method.validUntil.getTime());

/**
 * The DID document of `record` with the relationships of the keys valid at `at` (a credential's
 * issuance), or of the keys not expired on chain when `at` is null (the current document: block
 * time, not this server's clock, decides what is current).
 */
export function onChainDidDocument(
  method: string,
  record: OnChainDidRecord,
  at: Date | null,
): { didDocument: Record<string, unknown>; didDocumentMetadata: Record<string, unknown> } {
  const did = onChainDid(method, record.id);
  const vmId = (m: OnChainVerificationMethod) => `${did}#${m.fragment}`;
  const relationship = (name: DidRelationship) =>
    record.methods
      .filter((m) => m.relationships & DID_RELATIONSHIPS[name] && validAt(m, at))
      .map(vmId);
  return {
    didDocument: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      controller: [did, ...record.controllers.map((c) => onChainDid(method, c))],
      verificationMethod: record.methods.map((m) => ({
        id: vmId(m),
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: publicKeyMultibase(m),
      })),
      authentication: relationship('authentication'),
      assertionMethod: relationship('assertionMethod'),
      capabilityInvocation: relationship('capabilityInvocation'),
      capabilityDelegation: relationship('capabilityDelegation'),
    },
    didDocumentMetadata: {
      created: record.created.toISOString(),
      updated: record.updated.toISOString(),
      deactivated: record.deactivated,
      ...(at ? { versionTime: at.toISOString() } : {}),
      verificationMethodValidity: record.methods.map((m) => ({
        id: vmId(m),
        validFrom: m.validFrom.toISOString(),
        validUntil: m.validUntil?.toISOString() ?? null,
      })),
    },
  };
}

/** Resolves an on-chain DID as of `at` (null: current); failures are metadata, never thrown. */
export async function resolveOnChainDid(
  registries: OnChainRegistries,
  did: string,
  at: Date | null,
): Promise<OnChainResolution> {
  const parsed = parseOnChainDid(did, registries.method);
  if ('error' in parsed) {
    return {
      didDocument: null,
      didResolutionMetadata: { error: parsed.error, reason: parsed.reason },
      didDocumentMetadata: {},
    };
  }
  const record = await registries.readDid(parsed.id);
  if (!record) {
    return {
      didDocument: null,
      didResolutionMetadata: { error: 'notFound', reason: `${did} is not in the DID registry` },
      didDocumentMetadata: {},
    };
  }
  if (record.deactivated) {
    return {
      didDocument: null,
      didResolutionMetadata: { error: 'deactivated', reason: `${did} has been deactivated` },
      didDocumentMetadata: { deactivated: true, updated: record.updated.toISOString() },
    };
  }
  return {
    ...onChainDidDocument(registries.method, record, at),
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
  };
}
