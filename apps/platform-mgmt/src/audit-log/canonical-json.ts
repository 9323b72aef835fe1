/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form of a JSON value that the audit
 * log hashes, so anyone can recompute an entry's hash from the exported JSON.
 */
import canonicalize from 'canonicalize';

export class NotCanonicalisableError extends Error {
  constructor(reason: string) {
    super(`value has no canonical JSON form: ${reason}`);
    this.name = 'NotCanonicalisableError';
  }
}

/** The canonical JSON text of `value` (sorted keys, ES number form, minimal escaping). */
export function canonicalJson(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    throw new NotCanonicalisableError(typeof value);
  }
  const text = canonicalize(value);
  if (text === undefined) throw new NotCanonicalisableError('undefined');
  return text;
}
