/** identity's configuration (environment variables). */
import type { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const identityConfigSchema = baseConfigSchema({ port: 3103 });
export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env): IdentityConfig =>
  loadConfig(identityConfigSchema, env);
