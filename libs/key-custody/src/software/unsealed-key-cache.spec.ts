import { UnsealedKeyCache } from './unsealed-key-cache';

const manualClock = () => {
  let now = Date.parse('2026-11-26T12:00:00Z');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

const opener = () => {
  const opened: Buffer[] = [];
  return {
    opened,
    open: (byte: number) => () => {
      const key = Buffer.alloc(32, byte);
      opened.push(key);
      return key;
    },
  };
};

describe('UnsealedKeyCache', () => {
  it('opens a key once and serves later signatures from memory within its lifetime', () => {
    const clock = manualClock();
    const cache = new UnsealedKeyCache(clock, { maxKeys: 4, ttlMs: 1_000 });
    const { opened, open } = opener();
    const first = cache.get('k1', 'sealed-1', open(1));
    clock.advance(999);
    expect(cache.get('k1', 'sealed-1', open(1))).toBe(first);
    expect(opened).toHaveLength(1);
    cache.clear();
  });

  it('opens the key again and zeroes the old copy once its lifetime is over, however often it is used', () => {
    const clock = manualClock();
    const cache = new UnsealedKeyCache(clock, { maxKeys: 4, ttlMs: 1_000 });
    const { opened, open } = opener();
    const first = cache.get('k1', 'sealed-1', open(1));
    clock.advance(600);
    cache.get('k1', 'sealed-1', open(1));
    clock.advance(400);
    const second = cache.get('k1', 'sealed-1', open(1));
    expect(opened).toHaveLength(2);
    expect(second).not.toBe(first);
    expect(first.every((b) => b === 0)).toBe(true);
    cache.clear();
  });

  it('holds at most maxKeys keys, dropping and zeroing the least recently used', () => {
    const clock = manualClock();
    const cache = new UnsealedKeyCache(clock, { maxKeys: 2, ttlMs: 60_000 });
    const { opened, open } = opener();
    const k1 = cache.get('k1', 's1', open(1));
    const k2 = cache.get('k2', 's2', open(2));
    cache.get('k1', 's1', open(1)); // k1 is now the most recently used
    cache.get('k3', 's3', open(3));
    expect(cache.size).toBe(2);
    expect(k2.every((b) => b === 0)).toBe(true);
    expect(k1.every((b) => b === 1)).toBe(true);
    cache.get('k2', 's2', open(2));
    expect(opened).toHaveLength(4);
    cache.clear();
  });

  it('opens again when the key row holds other sealed material (re-sealed or rotated)', () => {
    const clock = manualClock();
    const cache = new UnsealedKeyCache(clock, { maxKeys: 4, ttlMs: 60_000 });
    const { open } = opener();
    const old = cache.get('k1', 'sealed-old', open(1));
    const current = cache.get('k1', 'sealed-new', open(2));
    expect(current[0]).toBe(2);
    expect(old.every((b) => b === 0)).toBe(true);
    cache.clear();
  });

  it('forget and clear drop and zero the opened keys at once', () => {
    const clock = manualClock();
    const cache = new UnsealedKeyCache(clock, { maxKeys: 4, ttlMs: 60_000 });
    const { open } = opener();
    const k1 = cache.get('k1', 's1', open(1));
    const k2 = cache.get('k2', 's2', open(2));
    cache.forget('k1');
    expect(cache.size).toBe(1);
    expect(k1.every((b) => b === 0)).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(k2.every((b) => b === 0)).toBe(true);
  });

  it('refuses limits that would not bound it', () => {
    const clock = manualClock();
    expect(() => new UnsealedKeyCache(clock, { maxKeys: 0, ttlMs: 1_000 })).toThrow();
    expect(() => new UnsealedKeyCache(clock, { maxKeys: 1, ttlMs: 0 })).toThrow();
  });
});
