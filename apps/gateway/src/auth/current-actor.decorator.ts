/** `@CurrentActor()`: the actor the auth guard attached to the request. */
import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@strata/contracts';

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    if (!actor) throw new UnauthorizedException('a bearer token is required');
    return actor;
  },
);
