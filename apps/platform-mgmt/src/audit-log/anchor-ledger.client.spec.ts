import fc from 'fast-check';
import { z } from 'zod';
import { derivedMessageId } from './anchor-ledger.client';

describe('derived message ids of the anchoring requests', () => {
  it('are valid UUIDs, the same for the same parts and different for different parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.string(),
        (parts, extra) => {
          const id = derivedMessageId(...parts);
          expect(z.uuid().safeParse(id).success).toBe(true);
          expect(derivedMessageId(...parts)).toBe(id);
          expect(derivedMessageId(...parts, `${extra}!`)).not.toBe(id);
        },
      ),
    );
  });
});
