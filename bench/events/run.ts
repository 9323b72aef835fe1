/**
 * `npm run bench:events`: raw eth_getLogs + kafkajs produce vs. Strata's event sync (listener
 * created through the API, checkpointed, decoded) on one fresh private anvil with N pre-emitted
 * events, same run; prints events/s and the ratio, writes bench/results/events-*.json. See
 * bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createProgress, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import {
  busyMsPer,
  cpuMsPerTransfer,
  machineBusySeconds,
  snapshot,
} from '../transactions/process-cpu';
import { emitFixtureEvents } from './emit';
import { HELP, parseEventBenchOptions } from './options';
import { runRawSide } from './raw-side';
import { runStrataSide } from './strata-side';
import { type EventsTarget, startEventsTarget } from './strata-target';

const progress = createProgress();
const repoRoot = resolve(__dirname, '..', '..');

const row = (name: string, r: { events: number; seconds: number; eventsPerSecond: number }) =>
  `${name.padEnd(8)} ${String(r.events).padStart(8)} ${r.seconds.toFixed(2).padStart(8)} ${r.eventsPerSecond.toFixed(0).padStart(9)}`;

async function main(): Promise<number> {
  const options = parseEventBenchOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let anvil: PrivateAnvil | undefined;
  let strata: EventsTarget | undefined;
  const stopAll = async () => {
    await strata?.close({ keepDatabase: options.keepDatabase });
    await anvil?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  try {
    // Large blocks: a call emitting thousands of events needs more than anvil's default gas limit.
    anvil = await startPrivateAnvil(['--gas-limit', '1000000000']);
    progress.ok(`fresh anvil on ${anvil.rpcUrl}`);
    const emitted = await emitFixtureEvents(anvil.rpcUrl, options.events, options.perTransaction);
    progress.ok(
      `${options.events} events emitted in blocks ${emitted.fromBlock + 1}-${emitted.toBlock}`,
    );
    strata = await startEventsTarget({ ...options, rpcUrl: anvil.rpcUrl, progress });
    progress.info('raw: eth_getLogs in large ranges + kafkajs produce');
    const loadBefore = loadavg()[0];
    const rawCpuBefore = process.cpuUsage();
    const rawMachineBefore = machineBusySeconds();
    const raw = await runRawSide(
      anvil.rpcUrl,
      strata.kafkaBrokers,
      `${strata.topicPrefix}bench.raw-logs`,
      emitted,
    );
    const rawCpu = process.cpuUsage(rawCpuBefore);
    const rawMachineMs = busyMsPer(rawMachineBefore, machineBusySeconds(), options.events / 1000);
    // CPU per 1,000 events: the raw client (this process) vs. Strata's apps. On a shared machine
    // throughput follows the load; CPU per event much less.
    const rawCpuMs = Math.round((rawCpu.user + rawCpu.system) / options.events);
    progress.ok(`raw: ${raw.eventsPerSecond.toFixed(0)} events/s`);
    progress.info(
      'strata: event listener through the API until its checkpoint passes the last block (then every event is read back from Kafka, untimed)',
    );
    const strataCpuBefore = snapshot(strata.pids);
    const strataMachineBefore = machineBusySeconds();
    const api = await runStrataSide(strata, emitted, options.events);
    const strataCpuMs = cpuMsPerTransfer(
      strataCpuBefore,
      snapshot(strata.pids),
      options.events / 1000,
    );
    const strataMachineMs = busyMsPer(
      strataMachineBefore,
      machineBusySeconds(),
      options.events / 1000,
    );
    const loadAfter = loadavg()[0];
    progress.ok(`strata: ${api.eventsPerSecond.toFixed(0)} events/s`);
    const ratio = api.eventsPerSecond / raw.eventsPerSecond;
    const at = new Date();
    const report = {
      benchmark: 'events',
      at: at.toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      raw: { ...raw, cpuMsPer1000Events: rawCpuMs, machineCpuMsPer1000Events: rawMachineMs },
      strata: {
        ...api,
        cpuMsPer1000Events: strataCpuMs,
        machineCpuMsPer1000Events: strataMachineMs,
      },
      ratio,
      loadAverage: { before: loadBefore, after: loadAfter },
    };
    const outputDir = resolve(repoRoot, options.outputDir);
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `events-${at.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      [
        '',
        `${options.events} events (${options.perTransaction} per transaction), 1 confirmation`,
        'side       events  seconds  events/s',
        row('raw', raw),
        row('strata', api),
        `raw: ${raw.getLogsSeconds.toFixed(2)} s of it in eth_getLogs; strata: listener created in ${api.createSeconds.toFixed(2)} s, ${api.messages} messages consumed (with duplicates)`,
        `strata: ${api.streamLogged} of the events already in the stream log (event streams) when the checkpoint passed the last block`,
        `CPU ms per 1,000 events: raw client ${rawCpuMs}; strata ${Object.entries(strataCpuMs)
          .map(([app, ms]) => `${app} ${ms}`)
          .join(', ')}`,
        `machine CPU ms per 1,000 events (all processes, broker and Postgres included): raw ${rawMachineMs ?? '?'}; strata ${strataMachineMs ?? '?'}`,
        `load average (1 min) before/after: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}`,
        `ratio strata/raw throughput: ${ratio.toFixed(2)}x (target >= 0.8x)`,
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
    progress.fail(`bench:events failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
