import fc from 'fast-check';
import {
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  MalformedEnvelopeError,
} from './envelopes';

describe('envelopes', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ minLength: 1, maxLength: 60 }), (payload, type) => {
        const envelope = createEnvelope({ type, payload, correlationId: 'c-1' });
        const decoded = decodeEnvelope(encodeEnvelope(envelope));
        expect(decoded.id).toBe(envelope.id);
        expect(decoded.type).toBe(type);
        expect(JSON.stringify(decoded.payload)).toBe(JSON.stringify(payload));
      }),
    );
  });

  it('rejects any byte string that is not an envelope with MalformedEnvelopeError, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeEnvelope(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedEnvelopeError);
        }
      }),
    );
  });

  it('rejects JSON objects without the envelope fields', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        const parsed: unknown = JSON.parse(json);
        const looksLikeEnvelope =
          typeof parsed === 'object' && parsed !== null && 'id' in parsed && 'type' in parsed;
        fc.pre(!looksLikeEnvelope);
        expect(() => decodeEnvelope(Buffer.from(json))).toThrow(MalformedEnvelopeError);
      }),
    );
  });

  it('rejects an empty message', () => {
    expect(() => decodeEnvelope(null)).toThrow(MalformedEnvelopeError);
  });
});
