/** Throughput and latency percentiles of one side of the transactions benchmark. */
export interface SideResult {
  count: number;
  seconds: number;
  transactionsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export function summarise(latenciesMs: number[], seconds: number): SideResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    seconds,
    transactionsPerSecond: sorted.length / seconds,
    latencyP50Ms: Math.round(at(0.5)),
    latencyP99Ms: Math.round(at(0.99)),
  };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function withConcurrency<T>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
