/** did:key as a `did-resolver` method, so did-jwt verifies signatures against our documents. */
import { type DIDResolutionResult, Resolver } from 'did-resolver';
import { didKeyDocument, parseDidKey } from './did-key';

export function resolveDidKey(did: string): DIDResolutionResult {
  const key = parseDidKey(did);
  if ('error' in key) {
    return {
      didDocument: null,
      didDocumentMetadata: {},
      didResolutionMetadata: { error: key.error },
    };
  }
  return {
    didDocument: didKeyDocument(key) as unknown as DIDResolutionResult['didDocument'],
    didDocumentMetadata: {},
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
  };
}

export const didKeyResolver = new Resolver(
  { key: async (did) => resolveDidKey(did) },
  { cache: false },
);
