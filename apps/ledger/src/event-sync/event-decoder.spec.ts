import fc from 'fast-check';
import { type EventFragment, Interface } from 'ethers';
import { EventDecoder } from './event-decoder';

const iface = new Interface([
  'event Words(uint8 indexed small, int16 signed, address indexed who, bool flag, bytes4 tag, uint256 big, int256 negative)',
  'event Tail(uint256 indexed seq, string note, bytes blob, address to)',
  'event Listy(uint256[] values, string indexed hashed)',
]);
const fragment = (name: string): EventFragment => iface.getEvent(name) as EventFragment;

/** What ethers decodes, as named arguments (the reference the fast path must equal). */
function viaEthers(name: string, topics: string[], data: string): Record<string, unknown> {
  const event = fragment(name);
  const args = iface.decodeEventLog(event, data, topics);
  return Object.fromEntries(event.inputs.map((input, i) => [input.name, args[i] as unknown]));
}

const outcome = (run: () => unknown): unknown => {
  try {
    return { value: run() };
  } catch {
    return 'error';
  }
};

const int = (bits: number) =>
  fc.bigInt({ min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n });
const hexBytes = (min: number, max: number) =>
  fc
    .uint8Array({ minLength: min, maxLength: max })
    .map((b) => `0x${Buffer.from(b).toString('hex')}`);

describe('event decoding', () => {
  it('decodes static words exactly as ethers does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        int(16),
        hexBytes(20, 20),
        fc.boolean(),
        hexBytes(4, 4),
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        int(256),
        (small, signed, who, flag, tag, big, negative) => {
          const log = iface.encodeEventLog(fragment('Words'), [
            small,
            signed,
            who,
            flag,
            tag,
            big,
            negative,
          ]);
          const fast = new EventDecoder(iface, fragment('Words')).decode(log.topics, log.data);
          expect(fast).toEqual(viaEthers('Words', log.topics, log.data));
        },
      ),
    );
  });

  it('decodes strings and bytes from the data tail exactly as ethers does', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.string({ unit: 'grapheme' }),
        hexBytes(0, 80),
        hexBytes(20, 20),
        (seq, note, blob, to) => {
          const log = iface.encodeEventLog(fragment('Tail'), [seq, note, blob, to]);
          const fast = new EventDecoder(iface, fragment('Tail')).decode(log.topics, log.data);
          expect(fast).toEqual(viaEthers('Tail', log.topics, log.data));
        },
      ),
    );
  });

  it('fails where ethers fails and agrees where it succeeds on arbitrary data', () => {
    fc.assert(
      fc.property(hexBytes(0, 200), fc.array(hexBytes(32, 32), { maxLength: 3 }), (data, extra) => {
        for (const name of ['Words', 'Tail']) {
          const topics = [fragment(name).topicHash, ...extra];
          const fast = outcome(() => new EventDecoder(iface, fragment(name)).decode(topics, data));
          expect(fast).toEqual(outcome(() => viaEthers(name, topics, data)));
        }
      }),
    );
  });

  it('leaves arrays and indexed strings to ethers', () => {
    const log = iface.encodeEventLog(fragment('Listy'), [[1n, 2n], 'x']);
    const decoded = new EventDecoder(iface, fragment('Listy')).decode(log.topics, log.data);
    expect(decoded).toEqual(viaEthers('Listy', log.topics, log.data));
  });
});
