/**
 * Credential schemas the platform knows (VC Data Model 2.0 `credentialSchema` of type
 * `JsonSchema`): a catalogue of JSON Schema 2020-12 documents shipped with identity, compiled once
 * with Ajv. Issuing with a `credentialSchema` validates the credentialSubject against it (422 and
 * nothing signed on a mismatch); verifying reports the `schema` check for credentials naming one.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { DomainProblem } from '@strata/bus';
import { CREDENTIAL_SCHEMA_CATALOGUE } from './credential-schema-catalogue';

export type SchemaVerdict =
  | { ok: true }
  | {
      ok: false;
      code: 'unknown-schema' | 'unsupported-schema-type' | 'schema-mismatch';
      detail: string;
      errors: { path: string; message: string }[];
    };

const MAX_ERRORS = 20;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>(
  CREDENTIAL_SCHEMA_CATALOGUE.map((schema) => [schema.$id, ajv.compile(schema)]),
);

/** The ids of the known schemas, in catalogue order. */
export const knownSchemaIds = (): string[] => [...validators.keys()];

/** Checks one `credentialSchema` entry (any JSON) against a credentialSubject (any JSON). */
export function checkSubject(credentialSchema: unknown, subject: unknown): SchemaVerdict {
  const entry =
    typeof credentialSchema === 'object' &&
    credentialSchema !== null &&
    !Array.isArray(credentialSchema)
      ? (credentialSchema as Record<string, unknown>)
      : {};
  const id = typeof entry.id === 'string' ? entry.id : '';
  if (entry.type !== 'JsonSchema') {
    return {
      ok: false,
      code: 'unsupported-schema-type',
      detail: `credentialSchema ${JSON.stringify(id)} has type ${JSON.stringify(entry.type ?? null)}; only JsonSchema is supported`,
      errors: [],
    };
  }
  const validate = validators.get(id);
  if (!validate) {
    return {
      ok: false,
      code: 'unknown-schema',
      detail: `the credential schema ${JSON.stringify(id)} is not one the platform knows`,
      errors: [],
    };
  }
  if (validate(subject)) return { ok: true };
  const errors = (validate.errors ?? []).slice(0, MAX_ERRORS).map(errorOf);
  return {
    ok: false,
    code: 'schema-mismatch',
    detail: `the credentialSubject does not match ${id}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    errors,
  };
}

/** The `credentialSchema` entries of a VC (one or many); [] when it names none. */
export function schemaEntriesOf(vc: unknown): unknown[] {
  const raw = (vc as { credentialSchema?: unknown } | undefined)?.credentialSchema;
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw.slice(0, 10) : [raw];
}

/** Refuses to issue (422) a credentialSubject that its credentialSchema does not accept. */
export function assertSubjectMatches(credentialSchema: unknown, subject: unknown): void {
  const verdict = checkSubject(credentialSchema, subject);
  if (verdict.ok) return;
  throw new DomainProblem({
    code:
      verdict.code === 'schema-mismatch'
        ? 'credential-subject-invalid'
        : 'unknown-credential-schema',
    status: 422,
    title:
      verdict.code === 'schema-mismatch'
        ? 'Credential subject does not match its schema'
        : 'Unknown credential schema',
    detail: verdict.detail,
    ...(verdict.errors.length > 0 ? { errors: verdict.errors } : {}),
  });
}

function errorOf(error: ErrorObject): { path: string; message: string } {
  const missing =
    error.keyword === 'required'
      ? `/${String((error.params as { missingProperty?: string }).missingProperty)}`
      : '';
  const extra =
    error.keyword === 'additionalProperties'
      ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}`
      : '';
  const path = `credentialSubject${(error.instancePath + missing + extra).replaceAll('/', '.')}`;
  const message =
    error.keyword === 'additionalProperties'
      ? 'is not allowed by the schema'
      : (error.message ?? 'is invalid');
  return { path, message };
}
