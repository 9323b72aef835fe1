/** Time and id sources as ports, so tests control them (the Clock is the platform's shared one). */
import { randomUUID } from 'node:crypto';

export { Clock, SystemClock } from '@strata/runtime';

export abstract class IdGenerator {
  abstract next(): string;
}

export class RandomIdGenerator extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}
