/**
 * Consistency rules between infra/compose and the code: each rule returns the problems it finds
 * (empty = consistent), so the spec can run them on the real files and on deliberately broken
 * copies to prove they catch what they claim to.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIGS, defaultPort, variableDefault } from './app-configs';
import {
  ComposeFile,
  ComposeService,
  commandOf,
  dependenciesOf,
  environmentOf,
  healthcheckText,
} from './compose-file';

export interface ComposeContext {
  repoRoot: string;
  compose: ComposeFile;
  /** The production realm (infra/compose/keycloak/strata-realm.json). */
  realm: { realm: string; clients: { clientId: string; publicClient?: boolean }[] };
  /** Text of the postgres init scripts. */
  postgresInit: string;
}

export interface ComposeRule {
  name: string;
  check(context: ComposeContext): string[];
}

const service = (c: ComposeContext, name: string): ComposeService | undefined =>
  c.compose.services[name];

function hostPorts(value: string): { host: string; port?: number }[] {
  const found: { host: string; port?: number }[] = [];
  for (const m of value.matchAll(/(?:[a-z]+:\/\/(?:[^@/\s]*@)?|^|,)([A-Za-z0-9.-]+)(?::(\d+))?/g)) {
    if (m[1]) found.push({ host: m[1], port: m[2] ? Number(m[2]) : undefined });
  }
  return found;
}

function healthPort(s: ComposeService): number | undefined {
  const match = /https?:\/\/[^/'"\s:]+:(\d+)\/health\b/.exec(healthcheckText(s));
  return match ? Number(match[1]) : undefined;
}

const appRules: ComposeRule[] = [
  {
    name: 'every backend app has a service running its own entry file',
    check: (c) =>
      APP_CONFIGS.flatMap(({ app }) => {
        const s = service(c, app);
        if (!s) return [`no service ${app}`];
        const entry = `apps/${app}/src/main.ts`;
        if (!commandOf(s).includes(entry)) return [`${app}: command does not run ${entry}`];
        return existsSync(join(c.repoRoot, entry)) ? [] : [`${app}: ${entry} does not exist`];
      }),
  },
  {
    name: "every app variable is declared by the app's config schema",
    check: (c) =>
      APP_CONFIGS.flatMap(({ app, schema }) =>
        Object.keys(environmentOf(service(c, app) ?? {}))
          .filter((key) => !(key in schema.shape))
          .map((key) => `${app}: ${key} is not in its config schema`),
      ),
  },
  {
    name: 'every required variable is set and every value passes the schema',
    check: (c) =>
      APP_CONFIGS.flatMap(({ app, schema }) => {
        const env = environmentOf(service(c, app) ?? {});
        const missing = Object.keys(schema.shape)
          .filter((key) => variableDefault(schema, key).kind === 'required' && !env[key])
          .map((key) => `${app}: required ${key} is not set`);
        const known = Object.fromEntries(
          Object.keys(schema.shape).map((k) => [k, env[k] || undefined]),
        );
        const parsed = schema.safeParse(known);
        const invalid = parsed.success
          ? []
          : parsed.error.issues.map((i) => `${app}: ${i.path.join('.')}: ${i.message}`);
        return [...missing, ...invalid];
      }),
  },
  {
    name: 'each app listens on its own port, which is the port its healthcheck probes',
    check: (c) =>
      APP_CONFIGS.flatMap((config) => {
        const s = service(c, config.app) ?? {};
        const port = Number(environmentOf(s).STRATA_HTTP_PORT);
        const problems: string[] = [];
        if (port !== defaultPort(config))
          problems.push(
            `${config.app}: STRATA_HTTP_PORT ${port} != its port ${defaultPort(config)}`,
          );
        if (healthPort(s) !== port)
          problems.push(
            `${config.app}: healthcheck probes ${healthPort(s)}, app listens on ${port}`,
          );
        if (environmentOf(s).STRATA_HTTP_HOST !== '0.0.0.0')
          problems.push(`${config.app}: STRATA_HTTP_HOST must be 0.0.0.0 inside a container`);
        return problems;
      }),
  },
  {
    name: 'no app is given another app address (apps talk only over Kafka)',
    check: (c) =>
      APP_CONFIGS.flatMap(({ app }) =>
        Object.entries(environmentOf(service(c, app) ?? {})).flatMap(([key, value]) =>
          hostPorts(value)
            .filter(({ host, port }) =>
              APP_CONFIGS.some(
                (other) =>
                  other.app !== app &&
                  (host === other.app || (port !== undefined && port === defaultPort(other))),
              ),
            )
            .map(({ host, port }) => `${app}: ${key} points at ${host}:${port ?? ''}`),
        ),
      ),
  },
];

const infraRules: ComposeRule[] = [
  {
    name: "STRATA_KAFKA_BROKERS points at the kafka service's advertised listener",
    check: (c) =>
      APP_CONFIGS.flatMap(({ app }) =>
        (environmentOf(service(c, app) ?? {}).STRATA_KAFKA_BROKERS ?? '')
          .split(',')
          .map((broker) => broker.trim())
          .filter((broker) => {
            const host = broker.split(':')[0];
            const target = service(c, host);
            const advertised = environmentOf(target ?? {}).KAFKA_ADVERTISED_LISTENERS ?? '';
            return (
              !target?.image?.startsWith('apache/kafka:') || !advertised.includes(`://${broker}`)
            );
          })
          .map(
            (broker) => `${app}: broker ${broker} is not a listener advertised by a kafka service`,
          ),
      ),
  },
  {
    name: 'STRATA_DATABASE_URL points at the postgres service and the database its init creates',
    check: (c) =>
      APP_CONFIGS.flatMap(({ app }) => {
        const url = new URL(environmentOf(service(c, app) ?? {}).STRATA_DATABASE_URL ?? 'x:');
        const pg = service(c, url.hostname);
        const pgEnv = environmentOf(pg ?? {});
        const database = url.pathname.slice(1);
        const problems: string[] = [];
        if (!pg?.image?.startsWith('postgres:17'))
          problems.push(`${app}: database host ${url.hostname} is not the postgres 17 service`);
        if ((url.port || '5432') !== '5432') problems.push(`${app}: database port ${url.port}`);
        if (!new RegExp(`CREATE DATABASE ${database} OWNER ${url.username};`).test(c.postgresInit))
          problems.push(
            `${app}: database ${database} owned by ${url.username} is not created by init`,
          );
        if (decodeURIComponent(url.password) !== pgEnv.STRATA_DB_PASSWORD)
          problems.push(`${app}: database password differs from the one init gives the role`);
        return problems;
      }),
  },
  {
    name: 'the gateway expects the issuer Keycloak publishes and fetches keys inside the network',
    check: (c) => {
      const gw = environmentOf(service(c, 'gateway') ?? {});
      const kc = environmentOf(service(c, 'keycloak') ?? {});
      const problems: string[] = [];
      const issuer = `${(kc.KC_HOSTNAME ?? '').replace(/\/+$/, '')}/realms/${c.realm.realm}`;
      if (gw.STRATA_OIDC_ISSUER !== issuer)
        problems.push(`gateway issuer ${gw.STRATA_OIDC_ISSUER} != Keycloak's ${issuer}`);
      const jwks = `http://keycloak:${kc.KC_HTTP_PORT ?? '8080'}/realms/${c.realm.realm}/protocol/openid-connect/certs`;
      if (gw.STRATA_OIDC_JWKS_URL !== jwks)
        problems.push(`gateway JWKS ${gw.STRATA_OIDC_JWKS_URL} != ${jwks}`);
      const clientIds = c.realm.clients.map((client) => client.clientId);
      if (!clientIds.includes(gw.STRATA_OIDC_AUDIENCE ?? ''))
        problems.push(`audience ${gw.STRATA_OIDC_AUDIENCE} is not a realm client`);
      const consoleClient = c.realm.clients.find(
        (x) => x.clientId === gw.STRATA_CONSOLE_OIDC_CLIENT_ID,
      );
      if (!consoleClient?.publicClient)
        problems.push(
          `console client ${gw.STRATA_CONSOLE_OIDC_CLIENT_ID} is not a public realm client`,
        );
      return problems;
    },
  },
  {
    name: 'Keycloak runs in production mode and imports the production realm',
    check: (c) => {
      const kc = service(c, 'keycloak');
      const command = commandOf(kc ?? {});
      const problems: string[] = [];
      if (command[0] !== 'start')
        problems.push(`keycloak command is ${command.join(' ')}, not start`);
      if (!command.includes('--import-realm')) problems.push('keycloak does not --import-realm');
      if (
        !kc?.volumes?.some((v) =>
          v.startsWith('./keycloak/strata-realm.json:/opt/keycloak/data/import/'),
        )
      )
        problems.push('keycloak does not mount keycloak/strata-realm.json into data/import');
      return problems;
    },
  },
];

const shapeRules: ComposeRule[] = [
  {
    name: 'every depends_on target exists, has a healthcheck and is awaited as healthy',
    check: (c) =>
      Object.entries(c.compose.services).flatMap(([name, s]) =>
        Object.entries(dependenciesOf(s)).flatMap(([target, condition]) => {
          const dep = service(c, target);
          if (!dep) return [`${name} depends on missing service ${target}`];
          if (!dep.healthcheck) return [`${name} depends on ${target}, which has no healthcheck`];
          return condition === 'service_healthy'
            ? []
            : [`${name} does not wait for ${target} healthy`];
        }),
      ),
  },
  {
    name: 'every service has a healthcheck',
    check: (c) =>
      Object.entries(c.compose.services)
        .filter(([, s]) => !healthcheckText(s))
        .map(([name]) => `${name} has no healthcheck`),
  },
  {
    name: 'every image is pinned to an explicit tag (never latest)',
    check: (c) =>
      Object.entries(c.compose.services).flatMap(([name, s]) => {
        const image = s.image ?? '';
        const tag = /:([^/:@]+)$/.exec(image)?.[1];
        return !tag || tag === 'latest' ? [`${name}: image "${image}" has no explicit tag`] : [];
      }),
  },
  {
    name: 'only the gateway publishes ports',
    check: (c) =>
      Object.entries(c.compose.services)
        .filter(([name, s]) => name !== 'gateway' && (s.ports ?? []).length > 0)
        .map(([name]) => `${name} publishes ports`),
  },
  {
    name: 'PostgreSQL and Kafka keep their data in named volumes',
    check: (c) =>
      [
        ['postgres', '/var/lib/postgresql/data'],
        ['kafka', environmentOf(service(c, 'kafka') ?? {}).KAFKA_LOG_DIRS ?? '?'],
      ].flatMap(([name, path]) => {
        const mount = service(c, name)?.volumes?.find((v) => v.endsWith(`:${path}`));
        const volume = mount?.split(':')[0] ?? '';
        return volume in (c.compose.volumes ?? {})
          ? []
          : [`${name}: ${path} is not a named volume`];
      }),
  },
];

export const COMPOSE_RULES: readonly ComposeRule[] = [...appRules, ...infraRules, ...shapeRules];

/** Every init script the postgres container runs on its first start, concatenated. */
export function readPostgresInit(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}
