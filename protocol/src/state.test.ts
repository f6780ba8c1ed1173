import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConsentRecord } from './record.js';
import { compareRecency, deriveState, latestRecord, type SiteState } from './state.js';
import { consentRecordArb } from './testing/arbitraries.js';

const historyArb = fc.array(consentRecordArb, { maxLength: 40 });

const base: ConsentRecord = {
  id: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e7f',
  schemaVersion: 1,
  subjectId: 'sub_a',
  siteId: 'servicedesk',
  origin: 'http://localhost:8081',
  policyVersion: '1',
  policyUrl: null,
  jurisdiction: 'gdpr',
  choices: { necessary: 'granted', functional: 'granted', analytics: 'granted', marketing: 'granted' },
  method: 'accept-all',
  gpc: false,
  language: 'en',
  createdAt: '2026-01-01T00:00:00.000Z',
  previous: null,
};

describe('deriveState', () => {
  it('is empty for an empty history', () => {
    expect(deriveState([])).toEqual({});
  });

  it('takes the latest record per site', () => {
    const later = {
      ...base,
      id: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e80',
      createdAt: '2026-02-01T00:00:00.000Z',
      method: 'reject-all' as const,
      choices: {
        necessary: 'granted' as const,
        functional: 'denied' as const,
        analytics: 'denied' as const,
        marketing: 'denied' as const,
      },
    };
    const otherSite = { ...base, id: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e81', siteId: 'status' };
    const state = deriveState([later, base, otherSite]);
    expect(state.servicedesk?.recordId).toBe(later.id);
    expect(state.servicedesk?.choices.analytics).toBe('denied');
    expect(state.status?.recordId).toBe(otherSite.id);
  });

  it('on a timestamp tie, the more restrictive record wins', () => {
    const restrictive = {
      ...base,
      id: '0193a1d2-7c1e-7a4b-9f00-000000000001',
      choices: { ...base.choices, marketing: 'denied' as const },
    };
    expect(deriveState([base, restrictive]).servicedesk?.recordId).toBe(restrictive.id);
    expect(deriveState([restrictive, base]).servicedesk?.recordId).toBe(restrictive.id);
  });

  it('does not depend on the order of the history (property)', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length }))),
        ([history, shuffled]) => {
          expect(deriveState(shuffled)).toEqual(deriveState(history));
        },
      ),
    );
  });

  it('has one entry per site, each the newest record of that site (property)', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const state = deriveState(history);
        expect(Object.keys(state).sort()).toEqual([...new Set(history.map((r) => r.siteId))].sort());
        for (const [siteId, site] of Object.entries(state)) {
          const ofSite = history.filter((r) => r.siteId === siteId);
          const chosen = ofSite.find((r) => r.id === site.recordId);
          expect(chosen).toBeDefined();
          for (const other of ofSite)
            expect(compareRecency(other, chosen as ConsentRecord)).toBeLessThanOrEqual(0);
          expect(site.choices).toEqual(chosen?.choices);
        }
      }),
    );
  });

  it('compareRecency is a consistent order (property)', () => {
    fc.assert(
      fc.property(consentRecordArb, consentRecordArb, consentRecordArb, (a, b, c) => {
        expect(Math.sign(compareRecency(a, b))).toBe(-Math.sign(compareRecency(b, a)) || 0);
        if (compareRecency(a, b) > 0 && compareRecency(b, c) > 0)
          expect(compareRecency(a, c)).toBeGreaterThan(0);
      }),
    );
  });

  it('latestRecord agrees with deriveState for one site (property)', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const one = history.map((r) => ({ ...r, siteId: 'one' }));
        expect(latestRecord(one)?.id).toBe(deriveState(one).one?.recordId);
      }),
    );
  });

  it('infers the state type', () => {
    expectTypeOf(deriveState([])).toEqualTypeOf<Record<string, SiteState>>();
    expectTypeOf<SiteState['recordId']>().toEqualTypeOf<string>();
  });
});
