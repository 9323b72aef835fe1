/**
 * Credentials: issue a VC-JWT with one of the organisation's DIDs (or a did:key created here) and
 * verify a pasted VC-JWT, showing every check and the precise reason of each failure.
 */
import { useState, type FormEvent } from 'react';
import type { VerificationResult } from '@strata/contracts';
import { useConsoleApi } from '../api/api-context';
import { useAuth } from '../auth/auth-context';
import { canIssueCredentials } from '../auth/permissions';
import type { ApiProblem } from '../api/api-problem';
import type { DidKeyType } from '../api/credentials-api';
import { problemOf } from '../api/use-api-result';
import { ProblemAlert } from '../layout/problem-alert';
import { FormField } from '../organisations/form-field';
import {
  checkCredentialDraft,
  type CredentialDraft,
  emptyCredentialDraft,
} from './credential-draft';

function IssueCredentialForm(props: { onIssued: (jwt: string) => void }) {
  const api = useConsoleApi();
  const [draft, setDraft] = useState<CredentialDraft>(emptyCredentialDraft);
  const [keyType, setKeyType] = useState<DidKeyType>('secp256k1');
  const [errors, setErrors] = useState<Partial<Record<keyof CredentialDraft, string>>>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [jwt, setJwt] = useState('');

  const change = (field: keyof CredentialDraft, value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setIdempotencyKey(crypto.randomUUID());
  };

  const createDid = async () => {
    setProblem(undefined);
    try {
      change('issuer', await api.credentials.createDid(keyType));
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(undefined);
    const checked = checkCredentialDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const issued = await api.credentials.issue(checked.command, idempotencyKey);
      setJwt(issued);
      props.onIssued(issued);
    } catch (error) {
      const failure = problemOf(error);
      setProblem(failure);
      const fieldErrors: Partial<Record<keyof CredentialDraft, string>> = {};
      for (const e of failure.errors) {
        if (e.path.startsWith('credentialSubject')) fieldErrors.claims = `${e.path} ${e.message}`;
      }
      setErrors(fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: keyof CredentialDraft, label: string, hint?: string) => (
    <FormField id={`credential-${field}`} label={label} hint={hint} error={errors[field]}>
      {(describedBy, invalid) => (
        <input
          id={`credential-${field}`}
          value={draft[field]}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => change(field, event.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="issue-heading">
      <h2 id="issue-heading">Issue a credential</h2>
      {text('issuer', 'Issuer DID', "One of your organisation's DIDs")}
      <div className="form-field">
        <label htmlFor="credential-key-type">Key type of a new did:key</label>
        <select
          id="credential-key-type"
          value={keyType}
          onChange={(event) => setKeyType(event.target.value as DidKeyType)}
        >
          <option value="secp256k1">secp256k1 (ES256K)</option>
          <option value="P-256">P-256 (ES256)</option>
          <option value="Ed25519">Ed25519 (EdDSA)</option>
        </select>
        <button type="button" className="button-secondary" onClick={() => void createDid()}>
          Create a did:key
        </button>
      </div>
      {text('types', 'Types', 'Comma-separated, e.g. UniversityDegreeCredential')}
      {text('subjectId', 'Subject id', 'The subject’s DID or URI (optional)')}
      <FormField id="credential-claims" label="Claims (JSON)" error={errors.claims}>
        {(describedBy, invalid) => (
          <textarea
            id="credential-claims"
            rows={5}
            value={draft.claims}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => change('claims', event.target.value)}
          />
        )}
      </FormField>
      {text(
        'credentialSchemaId',
        'Credential schema id',
        'A JSON Schema the platform knows (optional)',
      )}
      <ProblemAlert problem={problem} />
      <button type="submit" disabled={busy}>
        Issue
      </button>
      {jwt && (
        <div className="form-field">
          <label htmlFor="issued-jwt">Issued VC-JWT</label>
          <textarea id="issued-jwt" rows={4} readOnly value={jwt} />
        </div>
      )}
    </form>
  );
}

function VerifyCredentialForm(props: { jwt: string; onChange: (jwt: string) => void }) {
  const api = useConsoleApi();
  const [result, setResult] = useState<VerificationResult>();
  const [problem, setProblem] = useState<ApiProblem>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setResult(undefined);
    try {
      setResult(await api.credentials.verify(props.jwt.trim()));
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a credential</h2>
      <div className="form-field">
        <label htmlFor="verify-jwt">VC-JWT</label>
        <textarea
          id="verify-jwt"
          rows={4}
          value={props.jwt}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      <button type="submit">Verify</button>
      <ProblemAlert problem={problem} />
      {result && (
        <div data-testid="verification-result">
          <p role="status">{result.verified ? 'Verified' : 'Not verified'}</p>
          <ul>
            {result.checks.map((c) => (
              <li key={c.check}>
                {c.check}: {c.ok ? 'passed' : 'failed'}
                {c.detail ? ` (${c.detail})` : ''}
              </li>
            ))}
          </ul>
          {result.problems.length > 0 && (
            <ul aria-label="Problems">
              {result.problems.map((p) => (
                <li key={`${p.check}-${p.code}`}>
                  {p.check} — {p.code}: {p.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

export function CredentialsPage() {
  const [toVerify, setToVerify] = useState('');
  const { user } = useAuth();
  return (
    <section>
      <h1>Credentials</h1>
      {canIssueCredentials(user.roles) && <IssueCredentialForm onIssued={setToVerify} />}
      <VerifyCredentialForm jwt={toVerify} onChange={setToVerify} />
    </section>
  );
}
