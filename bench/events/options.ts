/** Command-line flags of `npm run bench:events` (see --help). */
import { parseArgs } from 'node:util';

export interface EventBenchOptions {
  events: number;
  perTransaction: number;
  gatewayPort: number;
  platformMgmtPort: number;
  ledgerPort: number;
  keepDatabase: boolean;
  outputDir: string;
}

export const HELP = `usage: npm run bench:events -- [flags]

On one fresh private anvil, emits N events of the EventSyncFixture contract (many per
transaction), then in the same run delivers them to Kafka twice: (1) raw: eth_getLogs in large
block ranges + kafkajs produce (acks=all), no checkpoints; (2) Strata: an event listener created
through the gateway API, measured from its creation until the last event is in Kafka (decoded,
checkpointed after every acknowledged batch). Prints events/s of both and the ratio. Starts the
local stack if needed and its own platform-mgmt, ledger and gateway on a fresh database and
topic prefix.

  --events N          events to emit and sync                   (default 100000)
  --per-tx N          events emitted per transaction            (default 2500)
  --gateway-port P    port of the benchmark gateway             (default 3981)
  --platform-port P   port of the benchmark platform-mgmt       (default 3982)
  --ledger-port P     port of the benchmark ledger              (default 3983)
  --keep-database     do not drop the benchmark database afterwards
  --output DIR        where the JSON result goes                (default bench/results)
  --help              this text`;

const whole = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive whole number`);
  return value;
};

export function parseEventBenchOptions(argv: string[]): EventBenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      events: { type: 'string' },
      'per-tx': { type: 'string' },
      'gateway-port': { type: 'string' },
      'platform-port': { type: 'string' },
      'ledger-port': { type: 'string' },
      'keep-database': { type: 'boolean' },
      output: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  return {
    events: whole('events', values.events, 100_000),
    perTransaction: whole('per-tx', values['per-tx'], 2_500),
    gatewayPort: whole('gateway-port', values['gateway-port'], 3981),
    platformMgmtPort: whole('platform-port', values['platform-port'], 3982),
    ledgerPort: whole('ledger-port', values['ledger-port'], 3983),
    keepDatabase: values['keep-database'] === true,
    outputDir: values.output ?? 'bench/results',
  };
}
