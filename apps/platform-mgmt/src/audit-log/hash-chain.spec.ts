import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type ChainedEntry, entryHash, firstChainFault, GENESIS_HASH } from './hash-chain';

function chain(events: unknown[], start = 1, previous = GENESIS_HASH): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (const [index, event] of events.entries()) {
    const link = {
      sequence: start + index,
      topic: 'strata.platform-mgmt.organisation-registered.v1',
      eventId: randomUUID(),
      event,
      previousHash: entries.at(-1)?.hash ?? previous,
    };
    entries.push({ ...link, hash: entryHash(link) });
  }
  return entries;
}

const events = fc.array(fc.dictionary(fc.string(), fc.jsonValue()), {
  minLength: 1,
  maxLength: 30,
});

describe('the audit hash chain', () => {
  it('hashes the canonical form: key order of the event does not matter', () => {
    const link = { sequence: 1, topic: 't', eventId: 'e', previousHash: GENESIS_HASH };
    expect(entryHash({ ...link, event: { a: 1, b: 2 } })).toBe(
      entryHash({ ...link, event: { b: 2, a: 1 } }),
    );
    expect(entryHash({ ...link, event: { a: 1 } })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an untouched chain from genesis and from any later entry', () => {
    fc.assert(
      fc.property(events, (list) => {
        const entries = chain(list);
        expect(firstChainFault(entries, GENESIS_HASH)).toBeUndefined();
        expect(firstChainFault(entries.slice(1), entries[0].hash)).toBeUndefined();
      }),
    );
  });

  it('reports the first edited entry precisely, whatever entry is changed', () => {
    fc.assert(
      fc.property(events, fc.nat(), fc.string(), (list, pick, value) => {
        const entries = chain(list);
        const index = pick % entries.length;
        const edited = entries.map((e) => ({ ...e }));
        edited[index].event = { edited: value, original: edited[index].event };
        expect(firstChainFault(edited, GENESIS_HASH)).toMatchObject({
          kind: 'hash-mismatch',
          sequence: index + 1,
        });
      }),
    );
  });

  it('detects a removed, reordered or re-hashed entry', () => {
    const entries = chain([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(firstChainFault([entries[0], entries[2], entries[3]])).toMatchObject({
      kind: 'sequence-gap',
      sequence: 3,
      expected: 2,
    });
    const forged = { ...entries[1], event: { n: 20 } };
    forged.hash = entryHash(forged);
    expect(firstChainFault([entries[0], forged, entries[2]])).toMatchObject({
      kind: 'broken-link',
      sequence: 3,
    });
    expect(firstChainFault(entries, 'f'.repeat(64))).toMatchObject({
      kind: 'broken-link',
      sequence: 1,
    });
  });
});
