import { compareRecency, isNarrowing } from '@coreitsm/protocol';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeLatest } from './merge.js';

const grants = (r: { choices: Record<string, string | undefined> }) =>
  Object.values(r.choices).filter((v) => v === 'granted').length;

describe('mergeLatest', () => {
  it('property: commutative and picks one of its inputs', () => {
    fc.assert(
      fc.property(consentRecordArb, consentRecordArb, (a, b) => {
        const ab = mergeLatest(a, b);
        const ba = mergeLatest(b, a);
        expect(ab).toBe(ba);
        expect([a, b]).toContain(ab);
      }),
    );
  });

  it('property: the newer record wins', () => {
    fc.assert(
      fc.property(consentRecordArb, consentRecordArb, (a, b) => {
        fc.pre(a.createdAt !== b.createdAt);
        const newer = Date.parse(a.createdAt) > Date.parse(b.createdAt) ? a : b;
        expect(mergeLatest(a, b)).toBe(newer);
      }),
    );
  });

  it('property: on a tie the more restrictive record wins (a tie never widens consent)', () => {
    fc.assert(
      fc.property(consentRecordArb, consentRecordArb, (a, b0) => {
        const b = { ...b0, createdAt: a.createdAt };
        const winner = mergeLatest(a, b);
        const loser = winner === a ? b : a;
        expect(grants(winner as typeof a)).toBeLessThanOrEqual(grants(loser));
      }),
    );
  });

  it('property: a narrowing made at the same instant always wins', () => {
    fc.assert(
      fc.property(consentRecordArb, (a) => {
        const denied = Object.fromEntries(
          Object.entries(a.choices).map(([p, v]) => [p, p === 'necessary' ? v : 'denied']),
        ) as typeof a.choices;
        fc.pre(grants(a) > grants({ choices: denied }));
        const revoke = { ...a, id: `${a.id.slice(0, -1)}${a.id.endsWith('0') ? '1' : '0'}`, choices: denied };
        const merged = mergeLatest(a, revoke);
        expect(merged).toBe(revoke);
        expect(isNarrowing(a.choices, merged?.choices ?? {})).toBe(true);
      }),
    );
  });

  it('property: associative over three views (order of arrival does not matter)', () => {
    fc.assert(
      fc.property(consentRecordArb, consentRecordArb, consentRecordArb, (a, b, c) => {
        expect(mergeLatest(mergeLatest(a, b), c)).toBe(mergeLatest(a, mergeLatest(b, c)));
        const winner = mergeLatest(mergeLatest(a, b), c);
        for (const r of [a, b, c]) expect(compareRecency(winner as typeof a, r)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('keeps the other side when one is missing', () => {
    fc.assert(
      fc.property(consentRecordArb, (a) => {
        expect(mergeLatest(a, undefined)).toBe(a);
        expect(mergeLatest(undefined, a)).toBe(a);
      }),
    );
    expect(mergeLatest(undefined, undefined)).toBeUndefined();
  });
});
