/**
 * Verification of a VC-JWT, one check at a time so every failure has a precise reason:
 * signature (did-jwt against the issuer's resolved document), issuer resolution, validity
 * period (by the Clock, not did-jwt's own time checks) and status (no status list yet).
 */
import { decodeJWT, verifyJWT } from 'did-jwt';
import type { VerificationResult } from '@strata/contracts';
import { parseDidKey } from '../identifiers/did-key';
import { didKeyResolver } from '../identifiers/did-key-resolver';

type Check = VerificationResult['checks'][number];
type Problem = VerificationResult['problems'][number];

export async function verifyCredentialJwt(jwt: string, now: Date): Promise<VerificationResult> {
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
  const parsed = parseDidKey(issuer);
  if ('error' in parsed) {
    problems.push({
      check: 'issuer',
      code: 'unknown-issuer',
      detail: `the issuer "${issuer}" cannot be resolved: ${parsed.reason}`,
    });
  } else {
    try {
      await verifyJWT(jwt, {
        resolver: didKeyResolver,
        proofPurpose: 'assertionMethod',
        policies: { nbf: false, exp: false, iat: false, aud: false },
      });
    } catch (error) {
      problems.push({ check: 'signature', code: 'invalid-signature', detail: reasonOf(error) });
    }
  }
  problems.push(...validityProblems(payload, now));
  const failedChecks = new Set(problems.map((p) => p.check));
  const checks: Check[] = (['signature', 'issuer', 'validity', 'status'] as const).map((check) => ({
    check,
    ok: !failedChecks.has(check) && !(check === 'signature' && failedChecks.has('issuer')),
    ...(check === 'status' ? { detail: 'the credential has no credentialStatus' } : {}),
  }));
  return { verified: problems.length === 0, checks, problems };
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
