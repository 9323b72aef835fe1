/** Command-line flags of `npm run bench:gateway` (see --help). */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  seed: number;
  limit: number;
  barePort: number;
  gatewayPort: number;
  platformMgmtPort: number;
  keepDatabase: boolean;
  outputDir: string;
}

export const HELP = `usage: npm run bench:gateway -- [flags]

Measures GET /api/v1/organisations?limit=N on a bare NestJS app (baseline) and through Strata's
gateway (bearer token, Kafka request/reply to platform-mgmt, PostgreSQL), in the same run with the
same load, and prints req/s, p50, p99 and the Strata/bare ratio. Starts the local stack if needed
(npm run stack:up machinery) and its own gateway + platform-mgmt on a fresh database and topic
prefix, so a running \`npm start\` is neither used nor disturbed.

  --connections N     concurrent connections per target       (default 10)
  --duration S        measured seconds per target             (default 10)
  --warmup S          unmeasured seconds per target first     (default 3)
  --seed N            organisations registered before         (default 25)
  --limit N           page size requested                     (default 20)
  --bare-port P       port of the bare app                    (default 3990)
  --gateway-port P    port of the benchmark gateway           (default 3991)
  --platform-port P   port of the benchmark platform-mgmt     (default 3992)
  --keep-database     do not drop the benchmark database afterwards
  --output DIR        where the JSON result goes              (default bench/results)
  --help              this text

Exit code: 0 when every request of both targets answered 2xx, 1 otherwise.`;

const positive = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

/** Parses argv; returns undefined when --help was asked for. */
export function parseBenchOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      limit: { type: 'string' },
      'bare-port': { type: 'string' },
      'gateway-port': { type: 'string' },
      'platform-port': { type: 'string' },
      'keep-database': { type: 'boolean' },
      output: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  return {
    connections: Math.max(1, positive('connections', values.connections, 10)),
    durationSeconds: Math.max(1, positive('duration', values.duration, 10)),
    warmupSeconds: positive('warmup', values.warmup, 3),
    seed: positive('seed', values.seed, 25),
    limit: Math.max(1, positive('limit', values.limit, 20)),
    barePort: positive('bare-port', values['bare-port'], 3990),
    gatewayPort: positive('gateway-port', values['gateway-port'], 3991),
    platformMgmtPort: positive('platform-port', values['platform-port'], 3992),
    keepDatabase: values['keep-database'] ?? false,
    outputDir: values.output ?? 'bench/results',
  };
}
