/**
 * "Register organisation": validates with the API's schema before sending, sends one
 * Idempotency-Key per submission, and shows the API's problem+json field by field.
 */
import { ORGANISATION_KINDS } from '@strata/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { formProblemFrom, type FormProblem } from '../api/api-problem';
import { useConsoleApi } from '../api/api-context';
import type { RegistrationOutcome } from '../api/console-api';
import { problemOf } from '../api/use-api-result';
import { FormField } from './form-field';
import {
  EMPTY_ORGANISATION_DRAFT,
  ORGANISATION_FIELDS,
  validateOrganisationDraft,
  type OrganisationDraft,
  type OrganisationField,
} from './organisation-draft';
import { submissionKeyFor, type SubmissionKey } from './submission-key';

const KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  'public-administration': 'Public administration',
  vendor: 'Vendor',
  auditor: 'Auditor',
  operator: 'Operator',
};

const NO_PROBLEM: FormProblem<OrganisationField> = { fields: {}, general: [] };

export function RegisterOrganisationForm(props: {
  onRegistered: (outcome: RegistrationOutcome, name: string) => void;
  onCancel: () => void;
}) {
  const api = useConsoleApi();
  const [draft, setDraft] = useState<OrganisationDraft>(EMPTY_ORGANISATION_DRAFT);
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [submitting, setSubmitting] = useState(false);
  const submission = useRef<SubmissionKey | undefined>(undefined);
  const inFlight = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  const update = (field: OrganisationField, value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };

  const focusFirstInvalid = (fields: FormProblem<OrganisationField>['fields']) => {
    const first = ORGANISATION_FIELDS.find((field) => fields[field]);
    if (first)
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>(`#organisation-${first}`)?.focus(),
      );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const validation = validateOrganisationDraft(draft);
    if (!validation.ok) {
      setProblem({ fields: validation.errors, general: [] });
      focusFirstInvalid(validation.errors);
      return;
    }
    submission.current = submissionKeyFor(submission.current, validation.value, () =>
      crypto.randomUUID(),
    );
    inFlight.current = true;
    setSubmitting(true);
    setProblem(NO_PROBLEM);
    try {
      const outcome = await api.registerOrganisation(validation.value, submission.current.key);
      submission.current = undefined;
      props.onRegistered(outcome, validation.value.name);
    } catch (error) {
      const formProblem = formProblemFrom(problemOf(error), ORGANISATION_FIELDS);
      setProblem(formProblem);
      focusFirstInvalid(formProblem.fields);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const input = (field: OrganisationField) => ({
    id: `organisation-${field}`,
    name: field,
    value: draft[field],
    onChange: (event: { target: { value: string } }) => update(field, event.target.value),
  });

  return (
    <form
      ref={form}
      className="panel"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="register-organisation-title"
    >
      <h2 id="register-organisation-title">Register organisation</h2>
      {problem.general.length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul>
            {problem.general.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <FormField id="organisation-name" label="Name" error={problem.fields.name}>
        {(describedBy, invalid) => (
          <input
            {...input('name')}
            type="text"
            required
            autoComplete="organization"
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FormField>
      <FormField
        id="organisation-country"
        label="Country"
        hint="Two-letter ISO code, e.g. DE, IT or EU"
        error={problem.fields.country}
      >
        {(describedBy, invalid) => (
          <input
            {...input('country')}
            type="text"
            required
            maxLength={2}
            className="input-short"
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FormField>
      <FormField id="organisation-kind" label="Kind" error={problem.fields.kind}>
        {(describedBy, invalid) => (
          <select {...input('kind')} aria-describedby={describedBy} aria-invalid={invalid}>
            {ORGANISATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="organisation-legalIdentifier"
        label="Legal identifier (optional)"
        hint="An LEI, VAT number or EUID"
        error={problem.fields.legalIdentifier}
      >
        {(describedBy, invalid) => (
          <input
            {...input('legalIdentifier')}
            type="text"
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={submitting}>
          {submitting ? 'Registering…' : 'Register'}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={props.onCancel}
          disabled={submitting}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
