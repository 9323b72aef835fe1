/** template-marketplace's configuration (environment variables). */
import type { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const templateMarketplaceConfigSchema = baseConfigSchema({ port: 3104 });
export type TemplateMarketplaceConfig = z.infer<typeof templateMarketplaceConfigSchema>;

export const loadTemplateMarketplaceConfig = (
  env: NodeJS.ProcessEnv = process.env,
): TemplateMarketplaceConfig => loadConfig(templateMarketplaceConfigSchema, env);
