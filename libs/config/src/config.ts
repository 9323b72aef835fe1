/**
 * Configuration from environment variables, validated once at start-up. Every app declares its
 * variables as a zod object whose keys are the variable names; the README's configuration table
 * and infra/compose are checked against these schemas.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Variables every backend app reads. `defaults.port` is the app's own port. The database schema
 * is not configurable: each app's checked-in migrations are written for its fixed schema
 * (see docs/adr/0004-one-fixed-schema-per-app.md); deployments isolate with databases instead.
 */
export function baseConfigSchema(defaults: { port: number }) {
  return z.object({
    STRATA_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    STRATA_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(defaults.port),
    STRATA_DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/strata'),
    STRATA_KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
    STRATA_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/)
      .default(''),
    STRATA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  });
}

export type BaseConfig = z.infer<ReturnType<typeof baseConfigSchema>>;

export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const known = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
