/**
 * A service's background loop of passes (schedulers, monitors, delivery loops): one pass at a
 * time; a failed pass is logged and the next follows after the interval; a pass that answers
 * `true` (it did work) is followed at once; stopping cuts the wait short and waits for the pass in
 * progress.
 */
export interface PassLogger {
  warn(message: string): void;
}

export class PeriodicPasses {
  private active = false;
  private loop: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<boolean | void>,
    private readonly logger: PassLogger,
  ) {}

  /** False once stopping: a long pass can check it to end its work early. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.active = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.active) {
      let progressed: boolean | void = false;
      try {
        progressed = await this.pass();
      } catch (error) {
        this.logger.warn(
          `${this.name} pass failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (progressed !== true && this.active) await this.pause();
    }
  }

  private async pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.intervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
