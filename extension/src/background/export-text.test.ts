import {
  type AnyConsentRecord,
  EXPORT_FORMATS,
  type ExportRecord,
  exportHead,
  exportRecords,
  exportRecordText,
  exportTail,
} from '@coreitsm/protocol';
import { anyConsentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPageText } from './export-text.js';

const receiptArb = fc
  .tuple(...[0, 1, 2].map(() => fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/)))
  .map((parts) => parts.join('.'));

/** Valid records whose free-form fields carry what CSV and XML must escape. */
const awkwardArb = fc
  .tuple(
    anyConsentRecordArb,
    fc.option(
      fc.constantFrom(
        'https://a.example/p?x=1&y=<2>',
        'https://a.example/"quoted"',
        'https://a.example/\u00e9t\u00e9',
        'http://a.example/a\rb',
      ),
      { nil: undefined },
    ),
    fc.option(fc.constantFrom('-1', '+2', '@x', "'x", '=1'), { nil: undefined }),
  )
  .map(
    ([record, policyUrl, policyVersion]): AnyConsentRecord => ({
      ...record,
      ...(policyUrl === undefined ? {} : { policyUrl }),
      ...(policyVersion === undefined ? {} : { policyVersion }),
    }),
  );

const recordsArb = fc.array(
  fc
    .tuple(fc.oneof(anyConsentRecordArb, awkwardArb), fc.option(receiptArb, { nil: undefined }))
    .map(([record, receipt]): ExportRecord => (receipt === undefined ? record : { ...record, receipt })),
  { maxLength: 15 },
);

describe('exportPageText writes what the protocol writes', () => {
  it.each(EXPORT_FORMATS)('record by record, at any index (%s, property)', (format) => {
    fc.assert(
      fc.property(recordsArb, fc.nat(3), (records, first) => {
        const reference = records.map((r, i) => exportRecordText(format, r, first + i)).join('');
        expect(exportPageText(format, records, first)).toBe(reference);
      }),
      { numRuns: 400 },
    );
  });

  it.each(EXPORT_FORMATS)('a file in pages is the whole-file export, byte for byte (%s)', (format) => {
    fc.assert(
      fc.property(recordsArb, fc.integer({ min: 1, max: 4 }), (records, size) => {
        let text = exportHead(format, records.length);
        for (let i = 0; i < records.length; i += size)
          text += exportPageText(format, records.slice(i, i + size), i);
        text += exportTail(format, records.length);
        expect(text).toBe(exportRecords(records, format).body);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the JSON writer is JSON.stringify for any plain object', () => {
  // Records of many key lists (more than the writer keeps per level), in any key order, nested,
  // with values JSON.stringify leaves out or writes as null: the shape cache never changes a byte.
  const plainArb = fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(undefined, Number.NaN, -0, Number.POSITIVE_INFINITY, '\u2028', '"\\\ud800'),
    ),
    { maxKeys: 8 },
  );
  it('page by page, at any index (property)', () => {
    fc.assert(
      fc.property(fc.array(plainArb, { maxLength: 30 }), fc.nat(3), (objects, first) => {
        const records = objects as unknown as ExportRecord[];
        const reference = records.map((r, i) => exportRecordText('json', r, first + i)).join('');
        expect(exportPageText('json', records, first)).toBe(reference);
      }),
      { numRuns: 500 },
    );
  });
});
