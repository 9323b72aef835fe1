import fc from 'fast-check';
import { createEnvelope, decodeEnvelope, encodeEnvelope } from '@strata/bus';
import { type ContractEvent, EventListenerTopics } from '@strata/contracts';
import { chunksOf, PUBLISH_CHUNK_BYTES, toMessage } from './contract-event-publisher';

const hex = (bytes: number) =>
  fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .map((b) => `0x${Buffer.from(b).toString('hex')}`);

const contractEvent: fc.Arbitrary<ContractEvent> = fc.record({
  id: fc.string(),
  listenerId: fc.uuid(),
  networkId: fc.uuid(),
  removed: fc.boolean(),
  address: hex(20),
  blockNumber: fc.bigInt({ min: 0n }).map(String),
  blockHash: hex(32),
  transactionHash: hex(32),
  logIndex: fc.nat(),
  topics: fc.array(hex(32), { maxLength: 4 }),
  data: fc.string(),
  event: fc.option(
    fc.record({
      name: fc.string(),
      signature: fc.string({ unit: 'grapheme' }),
      args: fc.dictionary(fc.string(), fc.jsonValue()),
    }),
  ),
});

describe('contract event messages', () => {
  it("are exactly encodeEnvelope's bytes of the envelope createEnvelope would build", () => {
    fc.assert(
      fc.property(
        contractEvent,
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2199-12-31') }),
        (event, at) => {
          const message = toMessage(event, at.toISOString());
          const { id } = decodeEnvelope(message.value);
          const expected = createEnvelope({
            id,
            type: EventListenerTopics.contractEvent,
            payload: event,
            occurredAt: at,
          });
          expect(message.value.equals(encodeEnvelope(expected))).toBe(true);
          expect(message.key).toBe(
            `${event.address.toLowerCase()}:${event.topics[0] ?? 'anonymous'}`,
          );
        },
      ),
    );
  });

  it('get a new envelope id each, and are chunked in order below the byte bound', () => {
    const at = new Date().toISOString();
    const events = fc.sample(contractEvent, 400);
    const messages = events.map((event) => toMessage(event, at));
    expect(new Set(messages.map((m) => decodeEnvelope(m.value).id)).size).toBe(messages.length);
    const chunks = chunksOf(messages, 20_000);
    expect(chunks.flat()).toEqual(messages);
    for (const chunk of chunks) {
      const bytes = chunk.reduce((sum, m) => sum + m.key.length + m.value.length + 100, 0);
      expect(chunk.length === 1 || bytes <= 20_000).toBe(true);
    }
    expect(PUBLISH_CHUNK_BYTES).toBeLessThan(1024 * 1024);
  });
});
