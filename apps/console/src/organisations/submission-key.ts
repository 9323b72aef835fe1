/**
 * Idempotency keys for the registration form. One key per submission of a given content: a
 * double click or a retry after a lost answer sends the same key, so the API registers once;
 * changing the form or a completed registration starts a new key.
 */
export interface SubmissionKey {
  /** The request body the key was issued for, serialised. */
  content: string;
  key: string;
}

export function submissionKeyFor(
  previous: SubmissionKey | undefined,
  body: object,
  newKey: () => string,
): SubmissionKey {
  const content = JSON.stringify(body);
  return previous?.content === content ? previous : { content, key: newKey() };
}
