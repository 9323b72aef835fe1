/**
 * The production compose file against the code: app services vs. config schemas, addresses of
 * Kafka, PostgreSQL and Keycloak, health-gated dependencies, pinned images, published ports, and
 * .env.example. Each rule is also run on a broken copy to prove it can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPOSE_RULES, ComposeContext, readPostgresInit } from './compose-checks';
import {
  ComposeFile,
  MissingVariableError,
  parseCompose,
  parseEnvFile,
  referencedVariables,
} from './compose-file';

const here = __dirname;
const repoRoot = join(here, '..', '..');
const composeText = readFileSync(join(here, 'docker-compose.yml'), 'utf8');
const envExample = parseEnvFile(readFileSync(join(here, '.env.example'), 'utf8'));
const realmText = readFileSync(join(here, 'keycloak', 'strata-realm.json'), 'utf8');

function context(mutate: (compose: ComposeFile) => void = () => undefined): ComposeContext {
  const compose = parseCompose(composeText, envExample);
  mutate(compose);
  return {
    repoRoot,
    compose,
    realm: JSON.parse(realmText) as ComposeContext['realm'],
    postgresInit: readPostgresInit(join(here, 'postgres', 'init')),
  };
}

const rule = (name: string) => {
  const found = COMPOSE_RULES.find((r) => r.name === name);
  if (!found) throw new Error(`no rule "${name}"`);
  return found;
};
const env = (c: ComposeFile, service: string) => c.services[service].environment ?? {};

describe('infra/compose/docker-compose.yml', () => {
  it.each(COMPOSE_RULES.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    expect(r.check(context())).toEqual([]);
  });

  it('.env.example documents every variable the compose file reads, and nothing else', () => {
    expect(Object.keys(envExample).sort()).toEqual([...referencedVariables(composeText)].sort());
  });

  it('refuses to start without a required secret', () => {
    const withoutPassword = { ...envExample, POSTGRES_PASSWORD: undefined };
    expect(() => parseCompose(composeText, withoutPassword)).toThrow(MissingVariableError);
  });

  it('passes the realm placeholders to the Keycloak container', () => {
    const keycloakEnv = env(context().compose, 'keycloak');
    for (const variable of referencedVariables(realmText))
      expect(keycloakEnv).toHaveProperty(variable);
  });
});

describe('the compose rules fail on a broken file', () => {
  const broken: [string, (c: ComposeFile) => void, RegExp][] = [
    [
      'every backend app has a service running its own entry file',
      (c) => delete c.services.ledger,
      /no service ledger/,
    ],
    [
      "every app variable is declared by the app's config schema",
      (c) => void (env(c, 'identity').STRATA_OIDC_ISSUER = 'http://x'),
      /identity: STRATA_OIDC_ISSUER/,
    ],
    [
      'every required variable is set and every value passes the schema',
      (c) => void (env(c, 'ledger').STRATA_CHAIN_TIMEOUT_MS = '5'),
      /ledger: STRATA_CHAIN_TIMEOUT_MS/,
    ],
    [
      'each app listens on its own port, which is the port its healthcheck probes',
      (c) => void (env(c, 'app-store').STRATA_HTTP_PORT = '3999'),
      /app-store/,
    ],
    [
      'no app is given another app address (apps talk only over Kafka)',
      (c) => void (env(c, 'gateway').STRATA_OIDC_JWKS_URL = 'http://platform-mgmt:3101/jwks'),
      /gateway: STRATA_OIDC_JWKS_URL points at platform-mgmt/,
    ],
    [
      "STRATA_KAFKA_BROKERS points at the kafka service's advertised listener",
      (c) => void (env(c, 'ledger').STRATA_KAFKA_BROKERS = 'kafka:19092'),
      /ledger: broker kafka:19092/,
    ],
    [
      'STRATA_DATABASE_URL points at the postgres service and the database its init creates',
      (c) =>
        void (env(c, 'identity').STRATA_DATABASE_URL = 'postgres://strata:x@postgres:5432/other'),
      /identity/,
    ],
    [
      'the gateway expects the issuer Keycloak publishes and fetches keys inside the network',
      (c) => void (env(c, 'keycloak').KC_HOSTNAME = 'https://elsewhere.example.org'),
      /gateway issuer/,
    ],
    [
      'Keycloak runs in production mode and imports the production realm',
      (c) => void (c.services.keycloak.command = ['start-dev', '--import-realm']),
      /not start/,
    ],
    [
      'every depends_on target exists, has a healthcheck and is awaited as healthy',
      (c) => void (c.services.gateway.depends_on = { redis: { condition: 'service_healthy' } }),
      /missing service redis/,
    ],
    [
      'every service has a healthcheck',
      (c) => delete c.services.kafka.healthcheck,
      /kafka has no healthcheck/,
    ],
    [
      'every image is pinned to an explicit tag (never latest)',
      (c) => void (c.services.postgres.image = 'postgres:latest'),
      /postgres: image/,
    ],
    [
      'only the gateway publishes ports',
      (c) => void (c.services.keycloak.ports = ['8080:8080']),
      /keycloak publishes ports/,
    ],
    [
      'PostgreSQL and Kafka keep their data in named volumes',
      (c) => void (c.services.kafka.volumes = ['/srv/kafka:/var/lib/kafka/data']),
      /kafka/,
    ],
  ];

  it('covers every rule', () => {
    expect(broken.map(([name]) => name).sort()).toEqual(COMPOSE_RULES.map((r) => r.name).sort());
  });

  it.each(broken)('%s', (name, mutate, expected) => {
    const problems = rule(name).check(context(mutate));
    expect(problems.join('\n')).toMatch(expected);
  });
});
