/** Time and id sources as ports, so tests control them. */
import { randomUUID } from 'node:crypto';

export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export abstract class IdGenerator {
  abstract next(): string;
}

export class RandomIdGenerator extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}
