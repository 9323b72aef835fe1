import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { extendChain, type IncomingEvent } from './chain-extension';
import { entryHash, firstChainFault, GENESIS_HASH, linkHash } from './hash-chain';

const TOPIC = 'strata.platform-mgmt.organisation-registered.v1';
/** Any UTF-16 text, escapes and lone surrogates included. */
const text = fc.string({ unit: 'binary' });
const recordedAt = new Date('2026-11-26T12:00:00.000Z');

function incoming(payload: unknown = {}, id: string = randomUUID()): IncomingEvent {
  return {
    topic: TOPIC,
    envelope: { id, type: TOPIC, occurredAt: '2026-11-26T11:59:00.000Z', payload },
  };
}

const asChained = (entries: ReturnType<typeof extendChain>['entries']) =>
  entries.map((entry) => ({ ...entry, event: JSON.parse(entry.event) as unknown }));

describe('extending the audit hash chain by a batch', () => {
  it('hashes a link as the documented format (SHA-256 of the JCS of the whole link), from the canonical event or from the parsed one', () => {
    fc.assert(
      fc.property(
        fc.dictionary(text, fc.jsonValue({ stringUnit: 'binary' })),
        text,
        text,
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        text,
        (event, topic, eventId, sequence, previousHash) => {
          const canonicalEvent = canonicalJson(event);
          const parsed = JSON.parse(canonicalEvent) as unknown;
          const documented = createHash('sha256')
            .update(
              canonicalJson({ sequence, topic, eventId, event: parsed, previousHash }),
              'utf8',
            )
            .digest('hex');
          expect(linkHash({ sequence, topic, eventId, canonicalEvent, previousHash })).toBe(
            documented,
          );
          expect(entryHash({ sequence, topic, eventId, event: parsed, previousHash })).toBe(
            documented,
          );
        },
      ),
    );
  });

  it('appends new events in batch order with contiguous sequences, each linked to the one before', () => {
    const events = [incoming({ n: 1 }), incoming({ n: 2 }), incoming({ n: 3 })];
    const head = { lastSequence: 41, lastHash: 'ab'.repeat(32) };
    const { entries, outcomes, head: next } = extendChain(head, events, new Map(), recordedAt);
    expect(outcomes).toEqual([
      { appended: true, sequence: 42 },
      { appended: true, sequence: 43 },
      { appended: true, sequence: 44 },
    ]);
    expect(entries.map((e) => e.eventId)).toEqual(events.map((e) => e.envelope.id));
    expect(entries[0].previousHash).toBe(head.lastHash);
    expect(firstChainFault(asChained(entries), head.lastHash)).toBeUndefined();
    expect(next).toEqual({ lastSequence: 44, lastHash: entries[2].hash });
    expect(entries[1]).toMatchObject({
      topic: TOPIC,
      event: canonicalJson(events[1].envelope),
      occurredAt: new Date('2026-11-26T11:59:00.000Z'),
      recordedAt,
    });
  });

  it('produces the entries one-event batches would have produced', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), (payloads) => {
        const events = payloads.map((payload) => incoming(payload));
        const whole = extendChain(
          { lastSequence: 0, lastHash: GENESIS_HASH },
          events,
          new Map(),
          recordedAt,
        );
        let head = { lastSequence: 0, lastHash: GENESIS_HASH };
        const single = events.flatMap((event) => {
          const one = extendChain(head, [event], new Map(), recordedAt);
          head = one.head;
          return one.entries;
        });
        expect(whole.entries).toEqual(single);
        expect(firstChainFault(asChained(whole.entries), GENESIS_HASH)).toBeUndefined();
      }),
    );
  });

  it('skips events already recorded and repeats within the batch, the first occurrence winning', () => {
    const recordedId = randomUUID();
    const repeated = incoming({ n: 'first' });
    const events = [
      incoming({}, recordedId.toUpperCase()),
      repeated,
      incoming({ n: 'other' }),
      { ...repeated, envelope: { ...repeated.envelope, payload: { n: 'second' } } },
    ];
    const head = { lastSequence: 10, lastHash: GENESIS_HASH };
    const { entries, outcomes } = extendChain(head, events, new Map([[recordedId, 3]]), recordedAt);
    expect(outcomes).toEqual([
      { appended: false, sequence: 3 },
      { appended: true, sequence: 11 },
      { appended: true, sequence: 12 },
      { appended: false, sequence: 11 },
    ]);
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0].event)).toMatchObject({ payload: { n: 'first' } });
  });

  it('leaves the head as it was when nothing is new', () => {
    const event = incoming();
    const head = { lastSequence: 7, lastHash: 'cd'.repeat(32) };
    const extension = extendChain(head, [event], new Map([[event.envelope.id, 5]]), recordedAt);
    expect(extension).toEqual({ entries: [], outcomes: [{ appended: false, sequence: 5 }], head });
  });
});
