/**
 * "Send a transfer" on the transactions panel: a value transfer (wei) from one of the caller
 * organisation's signing accounts, validated with the API's schema before sending, one
 * Idempotency-Key per submission of the same content (a double click sends once), and the API's
 * problem+json shown field by field.
 */
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { formProblemFrom, type FormProblem } from '../api/api-problem';
import { useConsoleApi } from '../api/api-context';
import { problemOf, useApiResult } from '../api/use-api-result';
import { ProblemAlert } from '../layout/problem-alert';
import { FormField } from '../organisations/form-field';
import { submissionKeyFor, type SubmissionKey } from '../organisations/submission-key';
import {
  TRANSFER_FIELDS,
  type TransferDraft,
  type TransferField,
  validateTransferDraft,
} from './transfer-draft';

const NO_PROBLEM: FormProblem<TransferField> = { fields: {}, general: [] };
const ACCOUNTS = 100;

export function TransferForm(props: { networkId: string; onSubmitted: () => void }) {
  const api = useConsoleApi();
  const loadAccounts = useCallback(
    () => api.transactions.signingAccounts(props.networkId, { limit: ACCOUNTS, offset: 0 }),
    [api, props.networkId],
  );
  const accounts = useApiResult(loadAccounts).result;
  const [draft, setDraft] = useState<TransferDraft>({ from: '', to: '', value: '' });
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [notice, setNotice] = useState<string>();
  const submission = useRef<SubmissionKey | undefined>(undefined);
  const inFlight = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const validation = validateTransferDraft(draft);
    if (!validation.ok) {
      setProblem({ fields: validation.errors, general: [] });
      return;
    }
    submission.current = submissionKeyFor(submission.current, validation.value, () =>
      crypto.randomUUID(),
    );
    inFlight.current = true;
    setProblem(NO_PROBLEM);
    setNotice(undefined);
    try {
      const tx = await api.transactions.submit(
        props.networkId,
        validation.value,
        submission.current.key,
      );
      submission.current = undefined;
      setDraft((previous) => ({ ...previous, to: '', value: '' }));
      setNotice(
        tx ? `Transfer accepted with nonce ${tx.nonce}.` : 'Transfer accepted; it is being queued.',
      );
      props.onSubmitted();
    } catch (error) {
      setProblem(formProblemFrom(problemOf(error), TRANSFER_FIELDS));
    } finally {
      inFlight.current = false;
    }
  };

  const input = (field: TransferField) => ({
    id: `transfer-${field}`,
    name: field,
    value: draft[field],
    onChange: (event: { target: { value: string } }) =>
      setDraft((previous) => ({ ...previous, [field]: event.target.value })),
  });

  return (
    <form
      className="panel"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="transfer-title"
    >
      <h3 id="transfer-title">Send a transfer</h3>
      <ProblemAlert problem={accounts.status === 'failed' ? accounts.problem : undefined} />
      {problem.general.length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul>
            {problem.general.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <FormField id="transfer-from" label="From signing account" error={problem.fields.from}>
        {(describedBy, invalid) => (
          <select {...input('from')} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">choose an account</option>
            {(accounts.data?.items ?? []).map((account) => (
              <option key={account.id} value={account.address}>
                {account.label} ({account.address})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="transfer-to" label="To address" error={problem.fields.to}>
        {(describedBy, invalid) => (
          <input
            {...input('to')}
            type="text"
            className="mono"
            placeholder="0x…"
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FormField>
      <FormField
        id="transfer-value"
        label="Value (wei)"
        hint="A whole number of wei, e.g. 1000000000000000000 for one ether"
        error={problem.fields.value}
      >
        {(describedBy, invalid) => (
          <input
            {...input('value')}
            type="text"
            inputMode="numeric"
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FormField>
      <button type="submit">Send transfer</button>
      {notice && <p role="status">{notice}</p>}
    </form>
  );
}
