/** Locally generated signing keys and a matching verifier, so tests mint real JWTs without Keycloak. */
import { JwtTokenVerifier } from '@strata/auth';
import type { Role } from '@strata/contracts';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const TEST_ISSUER = 'http://localhost:18080/realms/strata';
export const TEST_AUDIENCE = 'strata-gateway';

export interface TestTokens {
  verifier: JwtTokenVerifier;
  sign(subject: string, roles: Role[], organisationId?: string): Promise<string>;
}

export async function testTokens(): Promise<TestTokens> {
  const { privateKey, publicKey }: { privateKey: CryptoKey; publicKey: CryptoKey } =
    await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256' };
  const verifier = new JwtTokenVerifier({
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    keys: createLocalJWKSet({ keys: [jwk] }),
  });
  return {
    verifier,
    sign: (subject, roles, organisationId) =>
      new SignJWT({
        realm_access: { roles },
        preferred_username: subject,
        ...(organisationId && { organisation_id: organisationId }),
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' })
        .setSubject(subject)
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey),
  };
}
