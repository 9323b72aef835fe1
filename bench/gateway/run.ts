/**
 * `npm run bench:gateway`: bare NestJS vs. Strata's gateway on GET /api/v1/organisations, measured
 * in the same run with the same load; prints both and the ratio, writes bench/results/gateway-*.json
 * and exits 1 if any request failed. See bench/README.md for how to read the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createProgress, httpAnswers, waitFor } from '@strata/testing';
import { failedRequests, measure, Measurement } from './measure';
import { HELP, parseBenchOptions } from './options';
import { startStrataTarget, StrataTarget } from './strata-target';

const progress = createProgress();
const repoRoot = resolve(__dirname, '..', '..');

async function startBare(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'bare-app.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, BENCH_BARE_PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitFor(
    `bare app on ${port}`,
    () => httpAnswers(`http://127.0.0.1:${port}/api/v1/organisations`),
    {
      timeoutMs: 60_000,
      abortReason: () => (child.exitCode === null ? undefined : `exited with ${child.exitCode}`),
    },
  );
  return child;
}

async function run(
  name: string,
  url: string,
  headers: Record<string, string>,
  o: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<Measurement> {
  if (o.warmupSeconds > 0) {
    progress.info(`${name}: warming up ${o.warmupSeconds}s`);
    await measure({ url, headers, connections: o.connections, durationSeconds: o.warmupSeconds });
  }
  progress.info(`${name}: measuring ${o.durationSeconds}s with ${o.connections} connections`);
  const result = await measure({
    url,
    headers,
    connections: o.connections,
    durationSeconds: o.durationSeconds,
    onTick: (answered) => progress.info(`${name}: ${answered} answered`),
  });
  progress.ok(
    `${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, failed ${failedRequests(result)}`,
  );
  return result;
}

const row = (name: string, m: Measurement) =>
  `${name.padEnd(8)} ${m.requestsPerSecond.toFixed(0).padStart(9)} ${m.latencyMeanMs.toFixed(2).padStart(8)} ${String(m.latencyP50Ms).padStart(8)} ${String(m.latencyP99Ms).padStart(8)} ${String(failedRequests(m)).padStart(7)}`;

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let bare: ChildProcess | undefined;
  let strata: StrataTarget | undefined;
  const stopAll = () => {
    bare?.kill('SIGTERM');
    return strata?.close({ keepDatabase: options.keepDatabase });
  };
  process.once('SIGINT', () => void Promise.resolve(stopAll()).finally(() => process.exit(130)));
  try {
    progress.info('starting the Strata side (stack, platform-mgmt, gateway)');
    strata = await startStrataTarget({ ...options, progress });
    progress.info(`starting the bare NestJS app on ${options.barePort}`);
    bare = await startBare(options.barePort);
    const path = `/api/v1/organisations?limit=${options.limit}`;
    const first = await fetch(`${strata.gatewayUrl}${path}`, {
      headers: { authorization: `Bearer ${strata.token}` },
    });
    if (!first.ok) throw new Error(`gateway answered ${first.status}: ${await first.text()}`);
    const page = (await first.json()) as { items: unknown[]; total: number };
    progress.ok(`gateway answers: ${page.items.length} of ${page.total} organisations`);
    const bareResult = await run(
      'bare',
      `http://127.0.0.1:${options.barePort}${path}`,
      {},
      options,
    );
    const strataResult = await run(
      'strata',
      `${strata.gatewayUrl}${path}`,
      { authorization: `Bearer ${strata.token}` },
      options,
    );
    const ratio = {
      requestsPerSecond: strataResult.requestsPerSecond / bareResult.requestsPerSecond,
      latencyMean: strataResult.latencyMeanMs / bareResult.latencyMeanMs,
      // Percentiles are whole milliseconds: below 1 ms the ratio would be meaningless.
      latencyP99:
        bareResult.latencyP99Ms >= 1 ? strataResult.latencyP99Ms / bareResult.latencyP99Ms : null,
    };
    const at = new Date();
    const report = {
      benchmark: 'gateway',
      at: at.toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      bare: bareResult,
      strata: strataResult,
      ratio,
    };
    const outputDir = resolve(repoRoot, options.outputDir);
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `gateway-${at.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      [
        '',
        `GET ${path}, ${options.connections} connections, ${options.durationSeconds}s each`,
        'target       req/s  mean ms   p50 ms   p99 ms  failed',
        row('bare', bareResult),
        row('strata', strataResult),
        `ratio strata/bare: throughput ${ratio.requestsPerSecond.toFixed(3)}x, mean latency ${ratio.latencyMean.toFixed(1)}x, p99 latency ${ratio.latencyP99?.toFixed(1) ?? 'n/a'}x`,
        `result: ${file}`,
        '',
      ].join('\n'),
    );
    const failed = failedRequests(bareResult) + failedRequests(strataResult);
    if (failed > 0)
      progress.fail(`${failed} requests failed (errors, timeouts or non-2xx answers)`);
    return failed > 0 ? 1 : 0;
  } finally {
    progress.info('stopping what the benchmark started');
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    progress.fail(
      `bench:gateway failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
