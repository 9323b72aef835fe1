import { PeriodicPasses } from './periodic-passes';

describe('PeriodicPasses', () => {
  it('runs passes one after another, logs a failed pass and goes on, and stops after the pass in progress', async () => {
    const warnings: string[] = [];
    let passes = 0;
    let inPass = 0;
    let overlapped = false;
    let release!: () => void;
    const enough = new Promise<void>((resolve) => (release = resolve));
    const loop = new PeriodicPasses(
      'sample',
      1,
      async () => {
        inPass += 1;
        overlapped ||= inPass > 1;
        passes += 1;
        await Promise.resolve();
        inPass -= 1;
        if (passes === 2) throw new Error('boom');
        if (passes === 4) release();
      },
      { warn: (message) => warnings.push(message) },
    );
    loop.start();
    loop.start();
    await enough;
    await loop.stop();
    const stoppedAt = passes;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(passes).toBe(stoppedAt);
    expect(overlapped).toBe(false);
    expect(warnings).toEqual(['sample pass failed: boom']);
  });

  it('follows a pass that did work at once, without waiting for the interval', async () => {
    let passes = 0;
    let release!: () => void;
    const enough = new Promise<void>((resolve) => (release = resolve));
    const loop = new PeriodicPasses(
      'busy',
      60_000,
      () => {
        passes += 1;
        if (passes === 3) release();
        return Promise.resolve(passes < 3);
      },
      { warn: () => undefined },
    );
    loop.start();
    await enough;
    expect(passes).toBe(3);
    // The third pass did no work, so the loop waits its minute; stopping cuts that wait short.
    await loop.stop();
    expect(passes).toBe(3);
  });
});
