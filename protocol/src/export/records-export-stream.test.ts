import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../http.js';
import type { AnyConsentRecord } from '../record.js';
import { anyConsentRecordArb } from '../testing/arbitraries.js';
import { exportRecords } from './records-export.js';
import { exportChunks } from './records-export-stream.js';

async function* inPages(records: readonly AnyConsentRecord[], size: number) {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

async function streamed(
  format: ExportFormat,
  count: number,
  pages: AsyncIterable<readonly AnyConsentRecord[]>,
) {
  let text = '';
  for await (const chunk of exportChunks(format, count, pages)) text += chunk;
  return text;
}

describe('streaming export', () => {
  it.each(['json', 'csv', 'xml'] as const)(
    'writes exactly the file exportRecords writes, in any page size (%s, property)',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc
              .tuple(anyConsentRecordArb, fc.option(fc.constant('aGVhZA.Ym9keQ.c2ln'), { nil: undefined }))
              .map(([record, receipt]) => (receipt ? { ...record, receipt } : record)),
            { maxLength: 12 },
          ),
          fc.integer({ min: 1, max: 5 }),
          async (records, size) => {
            expect(await streamed(format, records.length, inPages(records, size))).toBe(
              exportRecords(records, format).body,
            );
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('refuses to write a file whose records do not match its announced count', async () => {
    const [record] = fc.sample(anyConsentRecordArb, { numRuns: 1, seed: 3 }) as AnyConsentRecord[];
    const one = [record as AnyConsentRecord];
    await expect(streamed('xml', 2, inPages(one, 1))).rejects.toThrow(/announced 2 records but found 1/);
    await expect(streamed('json', 0, inPages(one, 1))).rejects.toThrow(/more than the 0 records/);
  });
});
