/**
 * `@AuditorScope(...)` on a read endpoint makes the global AuditorScopeGuard check the caller's
 * auditor grants before the handler runs: `{ network: 'id' }` / `{ organisation: 'id' }` name the
 * route parameter holding the resource id; `{ list: 'networks' | 'organisations' }` requires an
 * active grant and keeps only granted items of the returned page (AuditorListFilter).
 * Endpoints without the decorator are not affected.
 */
import {
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, AuditorAccess } from '@strata/contracts';
import { map, type Observable } from 'rxjs';
import { AuditorAccessCheck } from './auditor-access';

export type AuditorScopeSpec =
  { network: string } | { organisation: string } | { list: 'networks' | 'organisations' };

const AUDITOR_SCOPE = 'strata:auditor-scope';
export const AuditorScope = (spec: AuditorScopeSpec) => SetMetadata(AUDITOR_SCOPE, spec);

interface ScopedRequest {
  actor?: Actor;
  params: Record<string, string>;
  auditorAccess?: AuditorAccess;
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
    if ('list' in spec) {
      request.auditorAccess = await this.check.require(request.actor);
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

/** Keeps only the granted items of a page answered to an auditor (see `{ list }` above). */
@Injectable()
export class AuditorListFilter implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditorScopeSpec | undefined>(
      AUDITOR_SCOPE,
      context.getHandler(),
    );
    const access = context.switchToHttp().getRequest<ScopedRequest>().auditorAccess;
    if (!spec || !('list' in spec) || !access) return next.handle();
    const allowed = new Set(spec.list === 'networks' ? access.networkIds : access.organisationIds);
    return next.handle().pipe(
      map((page: { items: { id: string }[]; total: number }) => {
        const items = page.items.filter((item) => allowed.has(item.id));
        return { ...page, items, total: Math.min(page.total, allowed.size) };
      }),
    );
  }
}
