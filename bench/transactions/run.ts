/**
 * `npm run bench:transactions`: raw ethers (presigned, parallel) vs. Strata end to end (API ->
 * confirmed) on one fresh private anvil, same number of transfers, same run; prints tx/s,
 * p50/p99 and the ratio, writes bench/results/transactions-*.json. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createProgress, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import type { SideResult } from './latency';
import { HELP, parseTransactionBenchOptions } from './options';
import { busyMsPer, cpuMsPerTransfer, machineBusySeconds, snapshot } from './process-cpu';
import { runRawSide } from './raw-side';
import { formatStages, transferStages } from './stages';
import { runStrataSide } from './strata-side';
import { startTransactionsTarget, type TransactionsTarget } from './strata-target';

const progress = createProgress();
const repoRoot = resolve(__dirname, '..', '..');

const row = (name: string, r: SideResult) =>
  `${name.padEnd(8)} ${String(r.count).padStart(6)} ${r.seconds.toFixed(2).padStart(8)} ${r.transactionsPerSecond.toFixed(0).padStart(8)} ${String(r.latencyP50Ms).padStart(8)} ${String(r.latencyP99Ms).padStart(8)}`;

async function main(): Promise<number> {
  const options = parseTransactionBenchOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let anvil: PrivateAnvil | undefined;
  let strata: TransactionsTarget | undefined;
  const stopAll = async () => {
    await strata?.close({ keepDatabase: options.keepDatabase });
    await anvil?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  try {
    anvil = await startPrivateAnvil(
      options.blockTime > 0 ? ['--block-time', String(options.blockTime)] : [],
    );
    progress.ok(
      `fresh anvil on ${anvil.rpcUrl}, ${options.blockTime > 0 ? `a block every ${options.blockTime} s` : 'automine'}`,
    );
    strata = await startTransactionsTarget({ ...options, rpcUrl: anvil.rpcUrl, progress });
    progress.info(`raw: ${options.count} presigned transfers, ${options.concurrency} in flight`);
    const rawMachineBefore = machineBusySeconds();
    const raw = await runRawSide(
      anvil.rpcUrl,
      options.count,
      options.concurrency,
      options.accounts,
    );
    const rawMachineMs = busyMsPer(rawMachineBefore, machineBusySeconds(), options.count);
    progress.ok(`raw: ${raw.transactionsPerSecond.toFixed(0)} tx/s`);
    progress.info(
      `strata: ${options.count} transfers through the API, ${options.concurrency} in flight`,
    );
    const cpuBefore = snapshot(strata.pids);
    const strataMachineBefore = machineBusySeconds();
    const api = await runStrataSide(
      strata.gatewayUrl,
      strata.token,
      strata.networkId,
      strata.accounts,
      options.count,
      options.concurrency,
    );
    progress.ok(`strata: ${api.transactionsPerSecond.toFixed(0)} tx/s`);
    const cpuPerTransferMs = cpuMsPerTransfer(cpuBefore, snapshot(strata.pids), options.count);
    const strataMachineMs = busyMsPer(strataMachineBefore, machineBusySeconds(), options.count);
    const stages = await transferStages(strata.databaseUrl);
    const ratio = api.transactionsPerSecond / raw.transactionsPerSecond;
    const at = new Date();
    const report = {
      benchmark: 'transactions',
      at: at.toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      raw: { ...raw, machineCpuMsPerTransfer: rawMachineMs },
      strata: { ...api, cpuPerTransferMs, machineCpuMsPerTransfer: strataMachineMs, stages },
      ratio,
      loadAverage: loadavg(),
    };
    const outputDir = resolve(repoRoot, options.outputDir);
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `transactions-${at.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      [
        '',
        `${options.count} transfers per side, ${options.concurrency} in flight, ${options.accounts} accounts, 1 confirmation`,
        'side      count  seconds     tx/s   p50 ms   p99 ms',
        row('raw', raw),
        row('strata', api),
        `ratio strata/raw throughput: ${ratio.toFixed(2)}x (target >= 0.8x)`,
        `strata CPU per transfer (ms): ${Object.entries(cpuPerTransferMs)
          .map(([app, ms]) => `${app} ${ms}`)
          .join(', ')}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} cores`,
        `machine CPU per transfer (ms, all processes: broker, PostgreSQL, anvil and this client included): raw ${rawMachineMs ?? '?'}; strata ${strataMachineMs ?? '?'}`,
        formatStages(stages),
        `result: ${file}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    progress.info('stopping what the benchmark started');
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    progress.fail(
      `bench:transactions failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
