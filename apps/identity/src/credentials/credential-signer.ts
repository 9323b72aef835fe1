/** The JOSE algorithm and did-jwt signer of each did:key type (ES256K, ES256, EdDSA), and signing as an issuer. */
import { createJWT, EdDSASigner, ES256KSigner, ES256Signer, type Signer } from 'did-jwt';
import type { DidKeyType } from '@strata/contracts';
import type { KeyEncryption } from '@strata/persistence';
import type { ManagedDid } from '../identifiers/managed-did.entity';

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

/** Signs a JWT payload as one of the platform-held DIDs; the private key is open only meanwhile. */
export async function signAsIssuer(
  encryption: KeyEncryption,
  issuer: Pick<ManagedDid, 'did' | 'keyType' | 'sealedPrivateKey'>,
  payload: Record<string, unknown>,
): Promise<string> {
  const privateKey = encryption.open(issuer.sealedPrivateKey, {
    keyId: issuer.did,
    address: issuer.did,
  });
  try {
    return await createJWT(
      payload,
      { issuer: issuer.did, signer: signerFor(issuer.keyType, privateKey) },
      { alg: ALG_OF[issuer.keyType], typ: 'JWT', kid: `${issuer.did}#${issuer.did.slice(8)}` },
    );
  } finally {
    privateKey.fill(0);
  }
}
