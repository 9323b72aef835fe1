/**
 * The "Register organisation" form's values and their validation. Validation runs the API's
 * own zod schema (`registerOrganisationSchema` from the contracts), so the console accepts
 * exactly what the API accepts; only the messages for length limits are phrased for people.
 */
import { registerOrganisationSchema, type RegisterOrganisation } from '@strata/contracts';
import type { z } from 'zod';

export const ORGANISATION_FIELDS = ['name', 'country', 'kind', 'legalIdentifier'] as const;
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];

/** What the inputs hold: always strings; empty means "not given". */
export type OrganisationDraft = Record<OrganisationField, string>;

export const EMPTY_ORGANISATION_DRAFT: OrganisationDraft = {
  name: '',
  country: '',
  kind: 'public-administration',
  legalIdentifier: '',
};

export type DraftValidation =
  | { ok: true; value: RegisterOrganisation }
  | { ok: false; errors: Partial<Record<OrganisationField, string>> };

function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'too_small') return `must have at least ${String(issue.minimum)} characters`;
  if (issue.code === 'too_big') return `must have at most ${String(issue.maximum)} characters`;
  if (issue.code === 'invalid_value') return 'choose one of the listed kinds';
  return undefined;
}

/** Turns the inputs into the request body the API expects, or says what is wrong per field. */
export function validateOrganisationDraft(draft: OrganisationDraft): DraftValidation {
  const legalIdentifier = draft.legalIdentifier.trim();
  const candidate = {
    name: draft.name,
    country: draft.country.trim().toUpperCase(),
    kind: draft.kind,
    ...(legalIdentifier === '' ? {} : { legalIdentifier }),
  };
  const parsed = registerOrganisationSchema.safeParse(candidate, { error: messageFor });
  if (parsed.success) return { ok: true, value: parsed.data };

  const errors: Partial<Record<OrganisationField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as OrganisationField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
