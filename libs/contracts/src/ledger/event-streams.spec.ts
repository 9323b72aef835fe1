/**
 * Stream definitions are validated at the edge: property tests over generated definitions
 * (every well-formed one parses, every one with a bad URL, filter or retry bound is refused).
 */
import fc from 'fast-check';
import {
  createEventStreamSchema,
  eventStreamFilterSchema,
  streamWebhookUrlSchema,
  webhookRetrySchema,
} from './event-streams';

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);
const signature = fc
  .tuple(
    identifier,
    fc.array(fc.constantFrom('uint256', 'address', 'bytes32', 'string'), { maxLength: 4 }),
  )
  .map(([name, types]) => `${name}(${types.join(',')})`);
const filter = fc
  .record({ listenerId: fc.uuid(), address, event: signature }, { requiredKeys: [] })
  .filter((f) => Object.keys(f).length > 0);
const httpUrl = fc.webUrl({
  validSchemes: ['http', 'https'],
  withFragments: false,
  withQueryParameters: true,
});
const retry = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 50 }),
  initialBackoffMs: fc.integer({ min: 100, max: 600_000 }),
  maxBackoffMs: fc.integer({ min: 600_000, max: 3_600_000 }),
});

describe('event stream definitions', () => {
  it('accepts every webhook definition with an http(s) URL, a non-empty filter and retry bounds in range', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0),
        httpUrl,
        filter,
        fc.option(retry, { nil: undefined }),
        (name, url, f, r) => {
          const parsed = createEventStreamSchema.safeParse({
            type: 'webhook',
            name,
            url,
            filter: f,
            ...(r ? { retry: r } : {}),
          });
          expect(parsed.success).toBe(true);
        },
      ),
    );
  });

  it('refuses a URL whose scheme is not http or https, whatever else it holds', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['ftp', 'file', 'ws', 'gopher', 'javascript'] }),
        (url) => {
          expect(streamWebhookUrlSchema.safeParse(url).success).toBe(false);
        },
      ),
    );
  });

  it('refuses arbitrary strings that are not absolute URLs', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }).filter((s) => !/^[a-z][a-z0-9+.-]*:/i.test(s.trim())),
        (text) => {
          expect(streamWebhookUrlSchema.safeParse(text).success).toBe(false);
        },
      ),
    );
  });

  it('refuses URLs with credentials or a fragment', () => {
    expect(streamWebhookUrlSchema.safeParse('https://user:secret@example.org/hook').success).toBe(
      false,
    );
    expect(streamWebhookUrlSchema.safeParse('https://example.org/hook#x').success).toBe(false);
  });

  it('refuses an empty filter and unknown filter fields', () => {
    expect(eventStreamFilterSchema.safeParse({}).success).toBe(false);
    fc.assert(
      fc.property(
        filter,
        fc
          .string({ minLength: 1, maxLength: 10 })
          .filter((k) => !['listenerId', 'address', 'event'].includes(k)),
        (f, extra) => {
          expect(eventStreamFilterSchema.safeParse({ ...f, [extra]: 1 }).success).toBe(false);
        },
      ),
    );
  });

  it('refuses retry bounds out of range or an initial backoff above the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 600_000 }), (initial) => {
        const r = { maxAttempts: 3, initialBackoffMs: initial, maxBackoffMs: initial - 1 };
        expect(webhookRetrySchema.safeParse(r).success).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 51 })), (attempts) => {
        expect(webhookRetrySchema.safeParse({ maxAttempts: attempts }).success).toBe(false);
      }),
    );
  });

  it('gives a WebSocket stream no URL and no retry', () => {
    fc.assert(
      fc.property(filter, httpUrl, (f, url) => {
        expect(
          createEventStreamSchema.safeParse({ type: 'websocket', name: 's', filter: f }).success,
        ).toBe(true);
        expect(
          createEventStreamSchema.safeParse({ type: 'websocket', name: 's', filter: f, url })
            .success,
        ).toBe(false);
      }),
    );
  });
});
