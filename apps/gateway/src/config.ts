/** The gateway's configuration: the shared variables plus OIDC, console, rate-limit and bus timeouts. */
import { baseConfigSchema, loadConfig } from '@strata/config';
import { z } from 'zod';

const DEFAULT_ISSUER = 'http://localhost:18080/realms/strata';

export const gatewayConfigSchema = baseConfigSchema({ port: 3000 }).extend({
  STRATA_OIDC_ISSUER: z.url().default(DEFAULT_ISSUER),
  /** Defaults to `<issuer>/protocol/openid-connect/certs` (Keycloak's JWKS endpoint). */
  STRATA_OIDC_JWKS_URL: z.url().optional(),
  STRATA_OIDC_AUDIENCE: z.string().min(1).default('strata-gateway'),
  STRATA_CONSOLE_OIDC_CLIENT_ID: z.string().min(1).default('strata-console'),
  STRATA_CONSOLE_DIR: z.string().min(1).default('apps/console/dist'),
  STRATA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  STRATA_REPLY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type GatewayConfig = Omit<z.infer<typeof gatewayConfigSchema>, 'STRATA_OIDC_JWKS_URL'> & {
  STRATA_OIDC_JWKS_URL: string;
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env);
  const issuer = config.STRATA_OIDC_ISSUER.replace(/\/+$/, '');
  return {
    ...config,
    STRATA_OIDC_ISSUER: issuer,
    STRATA_OIDC_JWKS_URL: config.STRATA_OIDC_JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`,
  };
}

/** Injection token for the loaded configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
