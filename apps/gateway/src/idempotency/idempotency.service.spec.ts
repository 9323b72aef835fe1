import type { Actor } from '@strata/contracts';
import { ProblemException } from '../problems/problem';
import { Clock, IdGenerator } from '../system/clock';
import { IdempotencyService, validateIdempotencyKey } from './idempotency.service';
import { InMemoryOperationRepository } from './operation.repository';

class FixedClock extends Clock {
  now() {
    return new Date('2026-01-01T00:00:00Z');
  }
}
class SequentialIds extends IdGenerator {
  private n = 0;
  next() {
    return `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
  }
}

const actor: Actor = { subject: 'alice', roles: ['platform-admin'] };
const command = (id: string) => ({ topic: 't', key: id, payload: {}, actor });

describe('IdempotencyService', () => {
  let repo: InMemoryOperationRepository;
  let service: IdempotencyService;

  beforeEach(() => {
    repo = new InMemoryOperationRepository();
    service = new IdempotencyService(repo, new FixedClock(), new SequentialIds());
  });

  it('creates a pending operation whose id is the command id, even without a key', async () => {
    const { operation, created } = await service.begin({
      kind: 'k',
      subject: 'alice',
      body: { a: 1 },
      command,
    });
    expect(created).toBe(true);
    expect(operation).toMatchObject({ status: 'pending', idempotencyKey: null });
    expect(operation.command.key).toBe(operation.id);
  });

  it('keeps the command as JSON carries it: a key left undefined is absent, never null', async () => {
    const { operation } = await service.begin({
      kind: 'k',
      subject: 'alice',
      body: {},
      command: (id) => ({
        topic: 't',
        key: id,
        payload: { change: 'redrive', ids: undefined },
        actor,
      }),
    });
    expect(operation.command.payload).toStrictEqual({ change: 'redrive' });
  });

  it('finds the same operation for the same key and the same body in another key order', async () => {
    const first = await service.begin({
      kind: 'k',
      subject: 'alice',
      idempotencyKey: 'x',
      body: { a: 1, b: 2 },
      command,
    });
    const second = await service.begin({
      kind: 'k',
      subject: 'alice',
      idempotencyKey: 'x',
      body: { b: 2, a: 1 },
      command,
    });
    expect(second).toEqual({ operation: first.operation, created: false });
  });

  it('refuses the same key with a different body with a 422 problem', async () => {
    await service.begin({
      kind: 'k',
      subject: 'alice',
      idempotencyKey: 'x',
      body: { a: 1 },
      command,
    });
    await expect(
      service.begin({ kind: 'k', subject: 'alice', idempotencyKey: 'x', body: { a: 2 }, command }),
    ).rejects.toMatchObject({
      problem: { status: 422, code: 'idempotency-key-reused' },
    });
  });

  it('scopes keys per caller subject', async () => {
    const a = await service.begin({
      kind: 'k',
      subject: 'alice',
      idempotencyKey: 'x',
      body: {},
      command,
    });
    const b = await service.begin({
      kind: 'k',
      subject: 'bob',
      idempotencyKey: 'x',
      body: {},
      command,
    });
    expect(b.created).toBe(true);
    expect(b.operation.id).not.toBe(a.operation.id);
  });

  it('accepts only printable keys of at most 255 characters', () => {
    expect(validateIdempotencyKey('abc-123')).toBe('abc-123');
    expect(validateIdempotencyKey(undefined)).toBeUndefined();
    expect(() => validateIdempotencyKey('a'.repeat(256))).toThrow(ProblemException);
    expect(() => validateIdempotencyKey('has space')).toThrow(ProblemException);
  });
});
