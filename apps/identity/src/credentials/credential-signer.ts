/**
 * The JOSE algorithm and did-jwt signer of each did:key type (ES256K, ES256, EdDSA), and signing
 * as an issuer: through the KeyVault, where the key's usage policy is checked and the use audited.
 */
import { createJWT, EdDSASigner, ES256KSigner, ES256Signer, type Signer } from 'did-jwt';
import type { DidKeyType } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import type { SigningAudit } from '@strata/key-custody';
import type { ManagedDid } from '../identifiers/managed-did.entity';
import type { DidKeyCustody } from '../key-custody/did-key-custody';

export type CredentialAlg = 'ES256K' | 'ES256' | 'EdDSA';

export const ALG_OF: Record<DidKeyType, CredentialAlg> = {
  secp256k1: 'ES256K',
  'P-256': 'ES256',
  Ed25519: 'EdDSA',
};

export function signerFor(keyType: DidKeyType, privateKey: Uint8Array): Signer {
  switch (keyType) {
    case 'secp256k1':
      return ES256KSigner(privateKey);
    case 'P-256':
      return ES256Signer(privateKey);
    case 'Ed25519':
      return EdDSASigner(privateKey);
  }
}

/** Signs a JWT payload as one of the platform-held DIDs with its key in the vault. */
export async function signAsIssuer(
  custody: DidKeyCustody,
  issuer: Pick<ManagedDid, 'did' | 'keyType' | 'keyId'>,
  payload: Record<string, unknown>,
  audit: SigningAudit,
): Promise<string> {
  if (!issuer.keyId) {
    throw DomainProblem.conflict(
      `The key of ${issuer.did} has not been moved into key custody yet.`,
    );
  }
  return createJWT(
    payload,
    { issuer: issuer.did, signer: custody.signer(issuer.keyId, audit) },
    { alg: ALG_OF[issuer.keyType], typ: 'JWT', kid: `${issuer.did}#${issuer.did.slice(8)}` },
  );
}
