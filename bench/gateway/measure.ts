/** One autocannon measurement of a GET endpoint, reduced to the figures the report prints. */
import autocannon from 'autocannon';

export interface Measurement {
  url: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Mean latency (fractional ms; autocannon's percentiles are whole milliseconds). */
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Answers outside 2xx (e.g. 401, 429, 504). */
  non2xx: number;
}

export interface MeasureOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** Called about every second with the requests answered so far. */
  onTick?: (answered: number) => void;
}

export function measure(options: MeasureOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    let answered = 0;
    const ticker = setInterval(() => options.onTick?.(answered), 1_000);
    const instance = autocannon(
      {
        url: options.url,
        method: 'GET',
        headers: options.headers,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
      },
      (error: Error | null, result: autocannon.Result) => {
        clearInterval(ticker);
        if (error) return reject(error);
        resolve({
          url: options.url,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          requests: result.requests.total,
          requestsPerSecond: result.requests.average,
          latencyMeanMs: result.latency.average,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          latencyMaxMs: result.latency.max,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', () => void answered++);
  });
}

export const failedRequests = (m: Measurement): number => m.errors + m.timeouts + m.non2xx;
