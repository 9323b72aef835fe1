/**
 * Every backend app with its config schema (apps/<app>/src/config.ts) and default port: the single
 * list the compose checks and the operations guide's configuration table are built from.
 */
import type { z } from 'zod';
import { appStoreConfigSchema } from '../../apps/app-store/src/config';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { identityConfigSchema } from '../../apps/identity/src/config';
import { ledgerConfigSchema } from '../../apps/ledger/src/config';
import { platformMgmtConfigSchema } from '../../apps/platform-mgmt/src/config';
import { templateMarketplaceConfigSchema } from '../../apps/template-marketplace/src/config';

export interface AppConfig {
  app: string;
  /** The PostgreSQL schema the app owns in the shared database. */
  databaseSchema: string;
  schema: z.ZodObject;
}

export const APP_CONFIGS: readonly AppConfig[] = [
  { app: 'gateway', databaseSchema: 'gateway', schema: gatewayConfigSchema },
  { app: 'platform-mgmt', databaseSchema: 'platform_mgmt', schema: platformMgmtConfigSchema },
  { app: 'ledger', databaseSchema: 'ledger', schema: ledgerConfigSchema },
  { app: 'identity', databaseSchema: 'identity', schema: identityConfigSchema },
  {
    app: 'template-marketplace',
    databaseSchema: 'template_marketplace',
    schema: templateMarketplaceConfigSchema,
  },
  { app: 'app-store', databaseSchema: 'app_store', schema: appStoreConfigSchema },
];

export type VariableDefault =
  { kind: 'default'; value: unknown } | { kind: 'optional' } | { kind: 'required' };

/** What the schema does with an unset variable: its default, nothing (optional), or an error. */
export function variableDefault(schema: z.ZodObject, key: string): VariableDefault {
  const field = schema.shape[key] as z.ZodType | undefined;
  if (!field) throw new Error(`no variable ${key} in schema`);
  const parsed = field.safeParse(undefined);
  if (!parsed.success) return { kind: 'required' };
  return parsed.data === undefined ? { kind: 'optional' } : { kind: 'default', value: parsed.data };
}

/** The app's default HTTP port (STRATA_HTTP_PORT's default). */
export function defaultPort(config: AppConfig): number {
  const port = variableDefault(config.schema, 'STRATA_HTTP_PORT');
  if (port.kind !== 'default' || typeof port.value !== 'number') {
    throw new Error(`${config.app}: STRATA_HTTP_PORT has no numeric default`);
  }
  return port.value;
}
