/** The JOSE algorithm and did-jwt signer of each did:key type (ES256K, ES256, EdDSA). */
import { EdDSASigner, ES256KSigner, ES256Signer, type Signer } from 'did-jwt';
import type { DidKeyType } from '@strata/contracts';

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
