/**
 * Global guard: authenticates the bearer token, attaches the actor to the request and checks the
 * route's declared roles. Fails closed: a route with neither `@Roles` nor `@Public` is refused.
 */
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@strata/contracts';
import { PUBLIC_METADATA, ROLES_METADATA } from './roles.decorator';
import { TokenVerifier } from './token-verifier';
import { canWrite, isSafeMethod } from './write-access';

export interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  return match?.[1];
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (!roles || roles.length === 0) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no roles`,
      );
      throw new ForbiddenException('this route is not open to any role');
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    if (!isSafeMethod(request.method) && !canWrite(actor)) {
      throw new ForbiddenException('read-only roles cannot change anything');
    }
    if (!actor.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException(`requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Actor> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('a bearer token is required');
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      this.logger.warn(`rejected token: ${error instanceof Error ? error.message : 'unknown'}`);
      throw new UnauthorizedException('the bearer token is invalid or expired');
    }
  }
}
