import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoredReceiptSchema } from '../storage/stored-values.js';
import { isStoredReceipt } from './check-receipt.js';

const part = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{0,${max}}$`));
/** Compact JWSs around the length bound, with empty parts, stray characters and too many dots. */
const nearReceipt = fc.oneof(
  fc.tuple(part(40), part(1200), part(900)).map((p) => p.join('.')),
  fc.tuple(part(10), part(10), part(10), part(10)).map((p) => p.join('.')),
  fc.tuple(part(10), fc.string({ maxLength: 6 }), part(10)).map((p) => p.join('.')),
  fc.tuple(part(10), part(10)).map((p) => `${p.join('.')}.`),
  fc.constantFrom('a.b.c', 'a.b.c\n', ' a.b.c', 'a..c', `${'a'.repeat(2046)}.b.c`, `${'a'.repeat(2044)}.b.c`),
);
/** Stored values: the right shape, near misses of each field, extra fields, arrays, anything. */
const nearStored = fc.oneof(
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
    receipt: fc.oneof(nearReceipt, fc.anything()),
  }),
  fc.record({ id: fc.uuid(), receipt: nearReceipt, extra: fc.anything() }, { requiredKeys: [] }),
  fc.tuple(fc.uuid(), nearReceipt).map(([id, receipt]) => Object.assign([id, receipt], { id, receipt })),
  fc.anything(),
);

describe('isStoredReceipt agrees with StoredReceiptSchema', () => {
  it('on generated stored receipts, near misses and anything else', () => {
    fc.assert(
      fc.property(nearStored, (value) => {
        expect(isStoredReceipt(value), fc.stringify(value)).toBe(
          StoredReceiptSchema.safeParse(value).success,
        );
      }),
      { numRuns: 4000 },
    );
  });
  it('accepts a receipt shaped like the server’s and refuses a bare string', () => {
    const receipt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln';
    expect(isStoredReceipt({ id: crypto.randomUUID(), receipt })).toBe(true);
    expect(isStoredReceipt(receipt)).toBe(false);
  });
});
