/**
 * The console's access to identity's credentials through the generated SDK: create a did:key for
 * the caller organisation, issue a VC-JWT with one of its DIDs (one Idempotency-Key per
 * submission), verify a pasted VC-JWT.
 */
import { type Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import type { IssueCredential, VerificationResult } from '@strata/contracts';

export type DidKeyType = 'secp256k1' | 'P-256' | 'Ed25519';

export interface CredentialsConsoleApi {
  createDid(keyType: DidKeyType): Promise<string>;
  issue(body: IssueCredential, idempotencyKey: string): Promise<string>;
  verify(jwt: string): Promise<VerificationResult>;
}

export function createCredentialsApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): CredentialsConsoleApi {
  const identifiers = new IdentifiersApi(configuration);
  const credentials = new CredentialsApi(configuration);
  return {
    createDid: (keyType) =>
      call(async () => (await identifiers.createDid({ createDid: { method: 'key', keyType } })).id),
    issue: (body, idempotencyKey) =>
      call(
        async () =>
          (
            await credentials.issueCredential({
              issueCredential: {
                ...body,
                validFrom: body.validFrom === undefined ? undefined : new Date(body.validFrom),
                validUntil: body.validUntil === undefined ? undefined : new Date(body.validUntil),
              },
              idempotencyKey,
            })
          ).jwt,
      ),
    verify: (jwt) =>
      call(async () => {
        const result = await credentials.verifyCredential({
          verifyCredential: { credential: jwt },
        });
        return {
          verified: result.verified,
          checks: result.checks.map((c) => ({
            check: c.check,
            ok: c.ok,
            ...(c.detail === undefined ? {} : { detail: c.detail }),
          })),
          problems: result.problems.map((p) => ({
            check: p.check,
            code: p.code,
            detail: p.detail,
          })),
        };
      }),
  };
}
