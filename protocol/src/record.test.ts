import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatIssues, listIssues } from './issues.js';
import {
  type AnyConsentRecord,
  ChoicesSchema,
  type ConsentRecord,
  ConsentRecordSchema,
  type StoredConsentRecord,
  StoredConsentRecordSchema,
} from './record.js';
import { consentRecordArb, malformedRecordArb, malformedWireRecordArb } from './testing/arbitraries.js';
import type { Jurisdiction, Method, Purpose } from './vocabulary.js';

/** The example record of CONTRACTS.md, verbatim. */
const contractExample = {
  id: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e7f',
  schemaVersion: 1,
  subjectId: 'sub_x7Yq2',
  siteId: 'servicedesk',
  origin: 'http://localhost:8081',
  policyVersion: '2026-04-08',
  policyUrl: 'http://localhost:8081/privacy',
  jurisdiction: 'gdpr',
  choices: { necessary: 'granted', functional: 'denied', analytics: 'granted', marketing: 'denied' },
  method: 'preferences',
  gpc: false,
  language: 'en',
  createdAt: '2026-11-26T17:00:00.000Z',
  previous: null,
};

function errorOf(input: unknown): string {
  const result = ConsentRecordSchema.safeParse(input);
  expect(result.success, 'expected the record to be rejected').toBe(false);
  return result.success ? '' : formatIssues(result.error);
}

describe('ConsentRecordSchema', () => {
  it('accepts the contract example', () => {
    expect(ConsentRecordSchema.parse(contractExample)).toEqual(contractExample);
  });

  it('accepts a California record with the US opt-outs', () => {
    const ccpa = {
      ...contractExample,
      jurisdiction: 'ccpa',
      choices: { ...contractExample.choices, sale_sharing: 'denied', sensitive_limit: 'granted' },
    };
    expect(ConsentRecordSchema.safeParse(ccpa).success).toBe(true);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['subjectId', { subjectId: 'alice' }],
    ['siteId', { siteId: 'Service Desk!' }],
    ['origin', { origin: 'http://localhost:8081/path' }],
    ['origin', { origin: 'javascript:alert(1)' }],
    ['policyVersion', { policyVersion: '' }],
    ['policyUrl', { policyUrl: 'file:///etc/passwd' }],
    ['jurisdiction', { jurisdiction: 'eu' }],
    ['choices', { choices: 'all' }],
    ['choices.necessary', { choices: { ...contractExample.choices, necessary: 'denied' } }],
    ['choices.marketing', { choices: { necessary: 'granted', functional: 'denied', analytics: 'granted' } }],
    ['choices.sale_sharing', { choices: { ...contractExample.choices, sale_sharing: 'denied' } }],
    ['choices.analytics', { choices: { ...contractExample.choices, analytics: 'yes' } }],
    ['method', { method: 'coerced' }],
    ['gpc', { gpc: 'true' }],
    ['language', { language: 'english please' }],
    ['createdAt', { createdAt: '26/11/2026' }],
    ['previous', { previous: 'abc' }],
    ['previous', { previous: contractExample.id }],
    ['ipAddress', { ipAddress: '203.0.113.7' }],
    ['receivedAt', { receivedAt: '2026-11-26T17:00:01.000Z' }],
  ])('rejects a bad %s and names it', (field, patch) => {
    expect(errorOf({ ...contractExample, ...patch })).toContain(field);
  });

  it('rejects a missing field and names it', () => {
    const { createdAt: _, ...withoutCreatedAt } = contractExample;
    expect(errorOf(withoutCreatedAt)).toMatch(/^createdAt: /);
  });

  it('rejects non-objects', () => {
    for (const input of [null, undefined, 42, 'record', [contractExample]])
      expect(errorOf(input)).toMatch(/\(root\)/);
  });

  it('accepts every generated valid record', () => {
    fc.assert(fc.property(consentRecordArb, (record) => ConsentRecordSchema.safeParse(record).success));
  });

  it('rejects every generated malformed record, naming the broken field', () => {
    fc.assert(
      fc.property(malformedRecordArb, ({ record, field }) => {
        const result = ConsentRecordSchema.safeParse(record);
        expect(result.success).toBe(false);
        if (!result.success)
          expect(listIssues(result.error).some((i) => i.path.split('.')[0] === field)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a malformed record meant for the wire is still malformed after JSON.stringify (issue 12)', () => {
    fc.assert(
      fc.property(malformedWireRecordArb, ({ record }) => {
        expect(ConsentRecordSchema.safeParse(JSON.parse(JSON.stringify(record))).success).toBe(false);
      }),
      { numRuns: 2000 },
    );
    // The counterexample that failed the server fuzz: JSON sends a -Infinity policyUrl as a valid null.
    const lossy = { ...contractExample, policyUrl: Number.NEGATIVE_INFINITY };
    expect(ConsentRecordSchema.safeParse(lossy).success).toBe(false);
    expect(ConsentRecordSchema.safeParse(JSON.parse(JSON.stringify(lossy))).success).toBe(true);
  });

  it('refuses a "__proto__" key in choices (zod records pass over it) and names the path', () => {
    const hostile = {
      ...contractExample,
      choices: JSON.parse('{"necessary":"granted","__proto__":"granted"}'),
    };
    expect(Object.keys(hostile.choices)).toContain('__proto__');
    expect(errorOf(hostile)).toMatch(/choices: must not have a "__proto__" key/);
    // The guard sits in front of the map, which still decides everything else.
    expect(ChoicesSchema.safeParse({ necessary: 'granted', marketing: 'denied' }).success).toBe(true);
    expect(ChoicesSchema.safeParse({ necessary: 'granted', other: 'denied' }).success).toBe(false);
  });

  it('stored records require receivedAt', () => {
    expect(StoredConsentRecordSchema.safeParse(contractExample).success).toBe(false);
    expect(
      StoredConsentRecordSchema.safeParse({ ...contractExample, receivedAt: '2026-11-26T17:00:01.000Z' })
        .success,
    ).toBe(true);
  });

  it('infers the contract types', () => {
    expectTypeOf<ConsentRecord['jurisdiction']>().toEqualTypeOf<Jurisdiction>();
    expectTypeOf<ConsentRecord['method']>().toEqualTypeOf<Method>();
    expectTypeOf<ConsentRecord['choices']>().toEqualTypeOf<Partial<Record<Purpose, 'granted' | 'denied'>>>();
    expectTypeOf<ConsentRecord['previous']>().toEqualTypeOf<string | null>();
    expectTypeOf<ConsentRecord['policyUrl']>().toEqualTypeOf<string | null>();
    expectTypeOf<ConsentRecord['schemaVersion']>().toEqualTypeOf<1>();
    expectTypeOf<StoredConsentRecord['receivedAt']>().toEqualTypeOf<string>();
    expectTypeOf<AnyConsentRecord['receivedAt']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ConsentRecord>().not.toHaveProperty('receivedAt');
  });
});
