import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyConsentRecord, RECORD_FIELDS } from './record.js';
import { canonicalRecordJson, recordHash } from './record-hash.js';
import { anyConsentRecordArb } from './testing/arbitraries.js';

/** The same record with its keys (and its choices' keys) in reverse order. */
function reversed(record: AnyConsentRecord): AnyConsentRecord {
  const choices = Object.fromEntries(Object.entries(record.choices).reverse());
  return Object.fromEntries(Object.entries({ ...record, choices }).reverse()) as AnyConsentRecord;
}

describe('canonicalRecordJson', () => {
  it('writes the fields in contract order, without receivedAt, whatever the input order', () => {
    fc.assert(
      fc.property(anyConsentRecordArb, (record) => {
        const text = canonicalRecordJson(reversed(record));
        expect(text).toBe(canonicalRecordJson(record));
        const keys = Object.keys(JSON.parse(text));
        const expected = RECORD_FIELDS.filter((f) => f !== 'receivedAt' && record[f] !== undefined);
        expect(keys).toEqual(expected);
      }),
    );
  });

  it('is the JSON of the record itself, so parsing it gives the record back', () => {
    fc.assert(
      fc.property(anyConsentRecordArb, (record) => {
        const { receivedAt: _, ...rest } = record;
        expect(JSON.parse(canonicalRecordJson(record))).toEqual(rest);
      }),
    );
  });
});

describe('recordHash', () => {
  it('is the SHA-256 hex of the canonical JSON (checked with node:crypto)', async () => {
    await fc.assert(
      fc.asyncProperty(anyConsentRecordArb, async (record) => {
        const expected = createHash('sha256').update(canonicalRecordJson(record)).digest('hex');
        expect(await recordHash(record)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('changes when the record changes (its gpc flag flipped)', async () => {
    await fc.assert(
      fc.asyncProperty(anyConsentRecordArb, async (record) => {
        expect(await recordHash({ ...record, gpc: !record.gpc })).not.toBe(await recordHash(record));
      }),
      { numRuns: 30 },
    );
  });
});
