/**
 * Reads infra/compose the way `docker compose` would, without Docker: the .env file, the YAML with
 * its anchors and merge keys, and `${VAR}`, `${VAR:-default}`, `${VAR:?error}` interpolation of
 * every string value.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Healthcheck {
  test: string | string[];
}

export interface ComposeService {
  image?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | { published?: string | number })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: Healthcheck;
  volumes?: string[];
  networks?: string[] | Record<string, unknown>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

export class MissingVariableError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`required variable ${variable} is not set: ${detail}`);
    this.name = 'MissingVariableError';
  }
}

/** Parses a compose .env file: KEY=value lines, # comments, optional surrounding quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error(`not a KEY=value line: ${line}`);
    const value = line.slice(eq + 1).trim();
    env[line.slice(0, eq).trim()] = value.replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** Variable names referenced by `${...}` in a text (escaped `$${...}` excluded). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.replace(/\$\$/g, '').matchAll(REFERENCE)) names.add(match[1]);
  return names;
}

/** Compose's interpolation rules for one string ( `:-`/`:?` treat empty like unset). */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value
    .split('$$')
    .map((part) =>
      part.replace(
        REFERENCE,
        (_all, name: string, operator: string | undefined, argument: string | undefined) => {
          const current = env[name];
          const unset =
            current === undefined || (operator?.startsWith(':') === true && current === '');
          if (operator?.endsWith('?') && unset)
            throw new MissingVariableError(name, argument ?? '');
          if (operator?.endsWith('-') && unset) return argument ?? '';
          return current ?? '';
        },
      ),
    )
    .join('$');
}

function interpolateDeep(node: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateDeep(value, env)]),
    );
  }
  return node;
}

/** The compose model with anchors merged and variables substituted from `env`. */
export function parseCompose(text: string, env: Record<string, string | undefined>): ComposeFile {
  const document = parse(text, { merge: true }) as unknown;
  const compose = interpolateDeep(document, env) as ComposeFile;
  if (!compose || typeof compose.services !== 'object') throw new Error('no services in compose');
  return compose;
}

export function readCompose(path: string, envFile: string): ComposeFile {
  return parseCompose(readFileSync(path, 'utf8'), parseEnvFile(readFileSync(envFile, 'utf8')));
}

/** A service's environment as strings (compose accepts numbers and booleans too). */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

export function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : command;
}

export function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return typeof test === 'string' ? test : test.join(' ');
}
