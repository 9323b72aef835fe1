/**
 * Bearer-token verification against Keycloak's JWKS with `jose`: signature, issuer, audience and
 * expiry. The key source is injectable so tests sign tokens with locally generated keys.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Actor } from '@strata/contracts';
import { actorFromClaims } from './claims';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Remote JWKS URL (production) ... */
  jwksUrl?: string;
  /** ... or a key resolver (tests). */
  keys?: JWTVerifyGetKey;
  clockToleranceSeconds?: number;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Port: turns a bearer token into an actor or rejects with {@link InvalidTokenError}. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Actor>;
}

export class JwtTokenVerifier extends TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: TokenVerifierOptions) {
    super();
    if (options.keys) this.keys = options.keys;
    else if (options.jwksUrl) this.keys = createRemoteJWKSet(new URL(options.jwksUrl));
    else throw new Error('JwtTokenVerifier needs jwksUrl or keys');
  }

  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      });
      return actorFromClaims(payload);
    } catch (error) {
      // The reason is safe to log but is never sent to the caller verbatim.
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
  }
}
