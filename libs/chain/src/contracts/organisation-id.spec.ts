/**
 * The organisation id <-> bytes32 encoding: a round trip for every UUID, refusal of anything else.
 */
import fc from 'fast-check';
import { organisationIdFromBytes32, organisationIdToBytes32 } from './organisation-id';

describe('organisation id as bytes32', () => {
  it('round-trips every UUID through its bytes32 form (lower case)', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const encoded = organisationIdToBytes32(id);
        expect(encoded).toMatch(/^0x0{32}[0-9a-f]{32}$/);
        expect(organisationIdFromBytes32(encoded)).toBe(id.toLowerCase());
      }),
    );
  });

  it('refuses strings that are not UUIDs', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text));
        expect(() => organisationIdToBytes32(text)).toThrow('UUID');
      }),
    );
  });

  it('refuses bytes32 values whose upper 16 bytes are not zero', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        fc.pre(bytes.slice(0, 16).some((b) => b !== 0));
        expect(() =>
          organisationIdFromBytes32(`0x${Buffer.from(bytes).toString('hex')}`),
        ).toThrow();
      }),
    );
  });
});
