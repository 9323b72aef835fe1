import { Controller, ForbiddenException, Get, Post, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type CryptoKey } from 'jose';
import { AuthGuard, bearerToken } from './auth.guard';
import { Public, Roles } from './roles.decorator';
import { JwtTokenVerifier } from './token-verifier';

const issuer = 'http://keycloak.test/realms/strata';
const audience = 'strata-gateway';

@Controller()
class SampleController {
  @Get('open') @Public() open(): void {}
  @Get('undeclared') undeclared(): void {}
  @Get('read') @Roles('auditor', 'platform-admin') read(): void {}
  @Post('write') @Roles('auditor', 'platform-admin') write(): void {}
  @Post('admin') @Roles('platform-admin') admin(): void {}
}

describe('AuthGuard', () => {
  let privateKey: CryptoKey;
  let guard: AuthGuard;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
    const verifier = new JwtTokenVerifier({
      issuer,
      audience,
      keys: createLocalJWKSet({ keys: [jwk] }),
    });
    guard = new AuthGuard(new Reflector(), verifier);
  });

  function sign(
    claims: Record<string, unknown>,
    opts: { iss?: string; aud?: string; exp?: string } = {},
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('user-1')
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(privateKey);
  }

  function context(handler: keyof SampleController, method: string, token?: string) {
    const request: Record<string, unknown> = {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    };
    const ctx = {
      getHandler: () => SampleController.prototype[handler],
      getClass: () => SampleController,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    return { ctx, request };
  }

  const roles = (...r: string[]) => ({ realm_access: { roles: r } });

  it('lets anyone call a @Public route without a token', async () => {
    await expect(guard.canActivate(context('open', 'GET').ctx)).resolves.toBe(true);
  });

  it('refuses a route that declares no roles even with a valid admin token', async () => {
    const token = await sign(roles('platform-admin'));
    await expect(guard.canActivate(context('undeclared', 'GET', token).ctx)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('answers 401 when the token is missing', async () => {
    await expect(guard.canActivate(context('read', 'GET').ctx)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('answers 401 for a token from another issuer, for another audience or expired', async () => {
    for (const token of [
      await sign(roles('auditor'), { iss: 'http://evil.test' }),
      await sign(roles('auditor'), { aud: 'other' }),
      await sign(roles('auditor'), { exp: '-1m' }),
      'not.a.jwt',
    ]) {
      await expect(guard.canActivate(context('read', 'GET', token).ctx)).rejects.toBeInstanceOf(
        UnauthorizedException,
      );
    }
  });

  it('answers 401 for a token signed by an unknown key', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT(roles('auditor'))
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('x')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(other.privateKey);
    await expect(guard.canActivate(context('read', 'GET', token).ctx)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('attaches the actor and allows a role the route declares', async () => {
    const token = await sign({ ...roles('auditor', 'offline_access'), preferred_username: 'ada' });
    const { ctx, request } = context('read', 'GET', token);
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(request.actor).toEqual({ subject: 'user-1', username: 'ada', roles: ['auditor'] });
  });

  it('answers 403 for a role the route does not declare', async () => {
    const token = await sign(roles('operator'));
    await expect(guard.canActivate(context('admin', 'POST', token).ctx)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('never lets an auditor write, even where a route wrongly declares the auditor role', async () => {
    const token = await sign(roles('auditor'));
    await expect(guard.canActivate(context('write', 'POST', token).ctx)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('lets a holder of auditor and platform-admin write', async () => {
    const token = await sign(roles('auditor', 'platform-admin'));
    await expect(guard.canActivate(context('write', 'POST', token).ctx)).resolves.toBe(true);
  });

  it('parses only well-formed bearer headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(['Bearer a'])).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
