/**
 * `@AuditorScope(...)` on a read endpoint (or its controller) makes the global AuditorScopeGuard
 * check a grant-restricted auditor's grants before the handler runs: `{ network: 'id' }` /
 * `{ organisation: 'id' }` name the route parameter holding the resource id;
 * `{ anyGrant: true }` only requires an active grant, for reads whose owner narrows the answer
 * to the grants itself (lists of organisations and networks, the audit log), before paging.
 * Endpoints without the decorator are not affected.
 */
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@strata/contracts';
import { AuditorAccessCheck } from './auditor-access';

export type AuditorScopeSpec = { network: string } | { organisation: string } | { anyGrant: true };

const AUDITOR_SCOPE = 'strata:auditor-scope';
export const AuditorScope = (spec: AuditorScopeSpec) => SetMetadata(AUDITOR_SCOPE, spec);

interface ScopedRequest {
  actor?: Actor;
  params: Record<string, string>;
}

@Injectable()
export class AuditorScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly check: AuditorAccessCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.getAllAndOverride<AuditorScopeSpec | undefined>(AUDITOR_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    if (!spec || !request.actor) return true;
    if ('anyGrant' in spec) {
      await this.check.require(request.actor);
      return true;
    }
    const resource =
      'network' in spec
        ? { kind: 'network' as const, id: request.params[spec.network] }
        : { kind: 'organisation' as const, id: request.params[spec.organisation] };
    await this.check.require(request.actor, resource);
    return true;
  }
}
