/**
 * The issue form's text fields turned into an IssueCredential command, checked with the API's own
 * zod schema (`issueCredentialSchema`): errors come back per field, like the API's problem paths.
 */
import { type IssueCredential, issueCredentialSchema } from '@strata/contracts';

export interface CredentialDraft {
  issuer: string;
  types: string;
  subjectId: string;
  claims: string;
  credentialSchemaId: string;
}

export const emptyCredentialDraft: CredentialDraft = {
  issuer: '',
  types: '',
  subjectId: '',
  claims: '{}',
  credentialSchemaId: '',
};

export type DraftCheck =
  | { ok: true; command: IssueCredential }
  | { ok: false; errors: Partial<Record<keyof CredentialDraft, string>> };

export function checkCredentialDraft(draft: CredentialDraft): DraftCheck {
  let claims: unknown;
  try {
    claims = JSON.parse(draft.claims) as unknown;
  } catch {
    return { ok: false, errors: { claims: 'must be JSON' } };
  }
  const candidate = {
    issuer: draft.issuer.trim(),
    types: draft.types
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    ...(draft.subjectId.trim() === '' ? {} : { subjectId: draft.subjectId.trim() }),
    claims,
    ...(draft.credentialSchemaId.trim() === ''
      ? {}
      : { credentialSchema: { id: draft.credentialSchemaId.trim(), type: 'JsonSchema' } }),
  };
  const parsed = issueCredentialSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, command: parsed.data };
  const errors: Partial<Record<keyof CredentialDraft, string>> = {};
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? 'claims');
    const field: keyof CredentialDraft =
      head === 'credentialSchema' ? 'credentialSchemaId' : (head as keyof CredentialDraft);
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
