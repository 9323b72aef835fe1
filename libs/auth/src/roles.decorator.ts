/**
 * Route metadata: every route declares who may call it with `@Roles(...)`, or opts out of
 * authentication with `@Public()`. The guard rejects routes that declare neither.
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from '@strata/contracts';
import { ROLES } from '@strata/contracts';

export const ROLES_METADATA = 'strata:roles';
export const PUBLIC_METADATA = 'strata:public';

export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_METADATA, roles);

/** Every realm role Strata knows. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ROLES);

export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_METADATA, true);
