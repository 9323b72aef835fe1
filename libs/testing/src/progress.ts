/**
 * A tiny progress display for the stack scripts: one readable line per step, prefixed with the
 * seconds elapsed since the command started (no terminal tricks, so logs stay readable in CI).
 */
export interface Progress {
  info(message: string): void;
  ok(message: string): void;
  warn(message: string): void;
  fail(message: string): void;
}

export function createProgress(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  startedAt: number = Date.now(),
): Progress {
  const line = (mark: string, message: string) => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
    write(`[${seconds}s] ${mark} ${message}`);
  };
  return {
    info: (m) => line('..', m),
    ok: (m) => line('ok', m),
    warn: (m) => line('!!', m),
    fail: (m) => line('XX', m),
  };
}

/** A progress that prints nothing (library callers that want silence). */
export const silentProgress: Progress = {
  info: () => undefined,
  ok: () => undefined,
  warn: () => undefined,
  fail: () => undefined,
};
