import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CreateRightsRequestSchema,
  MAX_RECORDS_PER_BATCH,
  RecordsBatchRequestSchema,
  RecordsPageQuerySchema,
  RevocationRequestSchema,
  type RightsRequestKind,
} from './http.js';
import { formatIssues } from './issues.js';
import { consentRecordArb } from './testing/arbitraries.js';

describe('HTTP bodies', () => {
  const [record] = fc.sample(consentRecordArb, { numRuns: 1, seed: 1 });

  it('a batch holds 1 to 100 records', () => {
    expect(RecordsBatchRequestSchema.safeParse({ records: [record] }).success).toBe(true);
    expect(RecordsBatchRequestSchema.safeParse({ records: [] }).success).toBe(false);
    const tooMany = RecordsBatchRequestSchema.safeParse({
      records: Array(MAX_RECORDS_PER_BATCH + 1).fill(record),
    });
    expect(tooMany.success).toBe(false);
    if (!tooMany.success) expect(formatIssues(tooMany.error)).toMatch(/^records: is too big \(maximum 100\)/);
  });

  it('names the record and field that broke a batch', () => {
    const bad = RecordsBatchRequestSchema.safeParse({ records: [record, { ...record, method: 'guess' }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(formatIssues(bad.error)).toContain('records.1.method: must be one of');
  });

  it('a revocation names purposes that can be refused', () => {
    expect(
      RevocationRequestSchema.safeParse({ siteId: 'servicedesk', purposes: ['marketing'] }).success,
    ).toBe(true);
    expect(
      RevocationRequestSchema.safeParse({ siteId: 'servicedesk', purposes: ['necessary'] }).success,
    ).toBe(false);
    expect(RevocationRequestSchema.safeParse({ siteId: 'servicedesk', purposes: [] }).success).toBe(false);
  });

  it('page queries take limits from 1 to 100 as query strings', () => {
    expect(RecordsPageQuerySchema.safeParse({ limit: '100' }).success).toBe(true);
    expect(RecordsPageQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(RecordsPageQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(RecordsPageQuerySchema.safeParse({ limit: '1e2' }).success).toBe(false);
  });

  it('rights requests need a known kind and jurisdiction', () => {
    expect(CreateRightsRequestSchema.safeParse({ kind: 'erasure', jurisdiction: 'gdpr' }).success).toBe(true);
    expect(
      CreateRightsRequestSchema.safeParse({ kind: 'delete-everything', jurisdiction: 'gdpr' }).success,
    ).toBe(false);
    expect(
      CreateRightsRequestSchema.safeParse({ kind: 'access', jurisdiction: 'gdpr', details: 'x'.repeat(4001) })
        .success,
    ).toBe(false);
    expectTypeOf<RightsRequestKind>().toEqualTypeOf<
      'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability' | 'opt-out'
    >();
  });
});
