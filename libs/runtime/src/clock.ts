/** Time as a port, so tests control it (services depend on Clock; modules bind SystemClock). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
