/** Command-line flags of `npm run bench:transactions` (see --help). */
import { parseArgs } from 'node:util';

export interface TransactionBenchOptions {
  count: number;
  concurrency: number;
  accounts: number;
  gatewayPort: number;
  platformMgmtPort: number;
  ledgerPort: number;
  keepDatabase: boolean;
  outputDir: string;
  /** Seconds between the anvil's blocks; 0 = automine (a block per arriving transaction). */
  blockTime: number;
}

export const HELP = `usage: npm run bench:transactions -- [flags]

On one fresh private anvil that mines on a clock like a real chain, sends the same number of
value transfers twice, in the same run: (1) raw ethers, presigned, sent in parallel; (2) through
Strata end to end (POST /api/v1/networks/{id}/transactions -> confirmed, 1 confirmation). Prints
tx/s, p50/p99 latency and the Strata/raw ratio. Starts the local stack if needed and its own
platform-mgmt, ledger and gateway on a fresh database and topic prefix.

  --count N           transfers per side                      (default 500; try 5000)
  --block-time S      seconds between blocks, 0 = automine    (default 0.25; anvil's automine
                      stops mining ready transactions under a few thousand parallel sends)
  --concurrency N     requests in flight per side             (default 50)
  --accounts N        sending accounts per side               (default 8)
  --gateway-port P    port of the benchmark gateway           (default 3994)
  --platform-port P   port of the benchmark platform-mgmt     (default 3995)
  --ledger-port P     port of the benchmark ledger            (default 3996)
  --keep-database     do not drop the benchmark database afterwards
  --output DIR        where the JSON result goes              (default bench/results)
  --help              this text`;

const whole = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive whole number`);
  return value;
};

const seconds = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 60)
    throw new Error(`--${name} must be a number of seconds from 0 to 60`);
  return value;
};

export function parseTransactionBenchOptions(argv: string[]): TransactionBenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      count: { type: 'string' },
      concurrency: { type: 'string' },
      accounts: { type: 'string' },
      'gateway-port': { type: 'string' },
      'platform-port': { type: 'string' },
      'ledger-port': { type: 'string' },
      'keep-database': { type: 'boolean' },
      output: { type: 'string' },
      'block-time': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  return {
    count: whole('count', values.count, 500),
    concurrency: whole('concurrency', values.concurrency, 50),
    accounts: whole('accounts', values.accounts, 8),
    gatewayPort: whole('gateway-port', values['gateway-port'], 3994),
    platformMgmtPort: whole('platform-port', values['platform-port'], 3995),
    ledgerPort: whole('ledger-port', values['ledger-port'], 3996),
    keepDatabase: values['keep-database'] ?? false,
    outputDir: values.output ?? 'bench/results',
    blockTime: seconds('block-time', values['block-time'], 0.25),
  };
}
