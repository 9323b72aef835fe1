/** app-store's configuration (environment variables). */
import type { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const appStoreConfigSchema = baseConfigSchema({ port: 3105 });
export type AppStoreConfig = z.infer<typeof appStoreConfigSchema>;

export const loadAppStoreConfig = (env: NodeJS.ProcessEnv = process.env): AppStoreConfig =>
  loadConfig(appStoreConfigSchema, env);
