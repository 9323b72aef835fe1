/**
 * Runtime configuration of the console, served by the gateway as /console-config.json so one
 * build runs against any Keycloak and API without being rebuilt.
 */
export interface ConsoleConfig {
  /** OIDC issuer, e.g. http://localhost:18080/realms/strata. */
  oidcAuthority: string;
  /** Public OIDC client of the console (authorization code + PKCE). */
  oidcClientId: string;
  /**
   * Where the API's paths (which start with /api/v1, as in the OpenAPI document) are appended:
   * an absolute URL, or a path relative to the console's origin; empty means the same origin.
   */
  apiBaseUrl: string;
}

export class ConsoleConfigError extends Error {}

function requireText(
  source: Record<string, unknown>,
  key: keyof ConsoleConfig,
  allowEmpty = false,
): string {
  const value = source[key];
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) {
    throw new ConsoleConfigError(`console-config.json: "${key}" must be a non-empty string`);
  }
  return value.trim();
}

/** Checks the parsed JSON and resolves a relative API base URL against the console's origin. */
export function parseConsoleConfig(json: unknown, origin: string): ConsoleConfig {
  if (typeof json !== 'object' || json === null) {
    throw new ConsoleConfigError('console-config.json must hold a JSON object');
  }
  const source = json as Record<string, unknown>;
  const apiBaseUrl = new URL(requireText(source, 'apiBaseUrl', true), origin).toString();
  return {
    oidcAuthority: requireText(source, 'oidcAuthority').replace(/\/+$/, ''),
    oidcClientId: requireText(source, 'oidcClientId'),
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
  };
}

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console-config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new ConsoleConfigError(
      `console-config.json could not be loaded (HTTP ${response.status})`,
    );
  }
  return parseConsoleConfig(await response.json(), window.location.origin);
}
