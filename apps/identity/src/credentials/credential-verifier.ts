/**
 * Verification of a VC-JWT, one check at a time so every failure has a precise reason:
 * signature (did-jwt against the issuer's resolved document), issuer resolution, validity
 * period (by the Clock, not did-jwt's own time checks) and status (no status list yet). With
 * the network's trust registries (issuer trust), the issuer's DID is resolved as of the
 * credential's issuance time (on-chain DIDs included) and its accreditation is checked too. A
 * credential naming a `credentialSchema` identity knows gets the `schema` check
 * (credential-schemas.ts). A presentation's own JWT goes through the same checks with the trust
 * registries' resolver but without `accreditation` (its holder issues nothing).
 */
import { decodeJWT, verifyJWT } from 'did-jwt';
import type { Resolvable } from 'did-resolver';
import type { VerificationResult } from '@strata/contracts';
import { parseDidKey } from '../identifiers/did-key';
import { didKeyResolver } from '../identifiers/did-key-resolver';
import type { IssuerTrust } from '../trust-registry/issuer-trust';
import { checkSubject, schemaEntriesOf } from './credential-schemas';

type Check = VerificationResult['checks'][number];
type Problem = VerificationResult['problems'][number];

/** Reads a status entry's bit: undefined when its list cannot be read. */
export type StatusLookup = (entry: Record<string, unknown>) => Promise<boolean | undefined>;

const noStatusLists: StatusLookup = async () => undefined;

export interface VerifyOptions {
  /** Check the issuer's accreditation when `trust` is given (default true; false for a holder's VP). */
  accreditation?: boolean;
}

export async function verifyCredentialJwt(
  jwt: string,
  now: Date,
  statusOf: StatusLookup = noStatusLists,
  trust?: IssuerTrust,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const accreditation = trust !== undefined && options.accreditation !== false;
  let payload: Record<string, unknown>;
  try {
    payload = decodeJWT(jwt).payload;
  } catch {
    return failed([
      {
        check: 'signature',
        code: 'malformed',
        detail: 'not a JWT (header.payload.signature, base64url JSON)',
      },
    ]);
  }
  const problems: Problem[] = [];
  const issuer = typeof payload.iss === 'string' ? payload.iss : '';
  // The resolver parses the issuer DID once (point decompression is the costly part): a DID
  // it cannot resolve surfaces as did-jwt's resolver_error.
  try {
    await verifyJWT(jwt, {
      resolver: trust ? trust.resolverAt(issuedAt(payload, now)) : didKeyResolver,
      proofPurpose: 'assertionMethod',
      policies: { nbf: false, exp: false, iat: false, aud: false },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!issuer || message.includes('resolver_error')) {
      const reason = !issuer
        ? 'the credential names no issuer (iss)'
        : trust
          ? await resolutionFailureOf(trust.resolverAt(issuedAt(payload, now)), issuer)
          : parseFailureOf(issuer);
      problems.push({
        check: 'issuer',
        code: 'unknown-issuer',
        detail: `the issuer "${issuer}" cannot be resolved: ${reason}`,
      });
    } else {
      problems.push({ check: 'signature', code: 'invalid-signature', detail: reasonOf(error) });
    }
  }
  problems.push(...validityProblems(payload, now));
  const status = await statusProblems(payload, statusOf);
  problems.push(...status.problems);
  if (accreditation && issuer) {
    problems.push(...(await trust.accreditationProblems(issuer, payload)));
  }
  const schema = schemaCheck(payload.vc);
  problems.push(...schema.problems);
  const failedChecks = new Set(problems.map((p) => p.check));
  const names = ['signature', 'issuer', 'validity', 'status'] as Check['check'][];
  if (accreditation) names.push('accreditation');
  if (schema.detail) names.push('schema');
  const checks: Check[] = names.map((check) => ({
    check,
    ok: !failedChecks.has(check) && !(check === 'signature' && failedChecks.has('issuer')),
    ...(check === 'status' ? { detail: status.detail } : {}),
    ...(check === 'schema' ? { detail: schema.detail } : {}),
  }));
  return { verified: problems.length === 0, checks, problems };
}

async function statusProblems(
  payload: Record<string, unknown>,
  statusOf: StatusLookup,
): Promise<{ problems: Problem[]; detail: string }> {
  const vc = payload.vc as { credentialStatus?: unknown } | undefined;
  const raw = vc?.credentialStatus;
  if (raw === undefined) return { problems: [], detail: 'the credential has no credentialStatus' };
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(
    (e): e is Record<string, unknown> => typeof e === 'object' && e !== null,
  );
  const problems: Problem[] = [];
  for (const entry of entries) {
    const set = await statusOf(entry);
    if (set === undefined) {
      problems.push({
        check: 'status',
        code: 'status-unavailable',
        detail: `the status list ${String(entry.statusListCredential)} cannot be read`,
      });
    } else if (set) {
      const revoked = entry.statusPurpose === 'revocation';
      problems.push({
        check: 'status',
        code: revoked ? 'revoked' : 'suspended',
        detail: `the issuer has ${revoked ? 'revoked' : 'suspended'} this credential`,
      });
    }
  }
  return { problems, detail: `${entries.length} status list entries checked` };
}

/**
 * The `schema` check over the `credentialSchema` entries identity knows: one problem per schema
 * the credentialSubject(s) do not satisfy. Schemas identity has no document for (e.g. trusted
 * schemas registry ids, `JsonSchemaCredential`) are not validated and named in the detail; the
 * check is reported only when at least one schema was validated.
 */
function schemaCheck(vc: unknown): { problems: Problem[]; detail?: string } {
  const raw = (vc as { credentialSubject?: unknown } | undefined)?.credentialSubject;
  const subjects = Array.isArray(raw) ? raw.slice(0, 10) : [raw];
  const problems: Problem[] = [];
  const skipped: string[] = [];
  let validated = 0;
  for (const schema of schemaEntriesOf(vc)) {
    const verdicts = subjects.map((subject) => checkSubject(schema, subject));
    const mismatch = verdicts.find((v) => !v.ok && v.code === 'schema-mismatch');
    if (verdicts.some((v) => !v.ok && v.code !== 'schema-mismatch')) {
      const id = (schema as { id?: unknown } | null)?.id;
      skipped.push(typeof id === 'string' ? id : JSON.stringify(id ?? null));
      continue;
    }
    validated += 1;
    if (mismatch && !mismatch.ok) {
      problems.push({ check: 'schema', code: mismatch.code, detail: mismatch.detail });
    }
  }
  if (validated === 0) return { problems: [] };
  const notValidated =
    skipped.length > 0 ? `; not validated (unknown to the platform): ${skipped.join(', ')}` : '';
  return { problems, detail: `validated against ${validated} schema(s)${notValidated}` };
}

/** When the credential was issued (nbf, else iat): the time its issuer's keys are taken at. */
function issuedAt(payload: Record<string, unknown>, now: Date): Date {
  const at = typeof payload.nbf === 'number' ? payload.nbf : payload.iat;
  return typeof at === 'number' ? new Date(at * 1000) : now;
}

function validityProblems(payload: Record<string, unknown>, now: Date): Problem[] {
  const seconds = now.getTime() / 1000;
  if (typeof payload.nbf === 'number' && seconds < payload.nbf) {
    return [
      {
        check: 'validity',
        code: 'not-yet-valid',
        detail: `valid from ${new Date(payload.nbf * 1000).toISOString()}`,
      },
    ];
  }
  if (typeof payload.exp === 'number' && seconds >= payload.exp) {
    return [
      {
        check: 'validity',
        code: 'expired',
        detail: `expired at ${new Date(payload.exp * 1000).toISOString()}`,
      },
    ];
  }
  return [];
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('invalid_signature'))
    return 'the signature does not match the payload (tampered or signed by another key)';
  return message;
}

function failed(problems: Problem[]): VerificationResult {
  const failedChecks = new Set(problems.map((p) => p.check));
  return {
    verified: false,
    checks: (['signature', 'issuer', 'validity', 'status'] as const).map((check) => ({
      check,
      ok: !failedChecks.has(check) && check === 'status',
    })),
    problems,
  };
}

async function resolutionFailureOf(resolver: Resolvable, did: string): Promise<string> {
  const { didResolutionMetadata } = await resolver.resolve(did);
  const { reason, error } = didResolutionMetadata as { reason?: string; error?: string };
  return reason ?? error ?? 'no DID document';
}

function parseFailureOf(did: string): string {
  const parsed = parseDidKey(did);
  return 'error' in parsed ? parsed.reason : 'no DID document';
}
