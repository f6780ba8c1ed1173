import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiresAt, shouldPrompt } from './should-prompt.js';

const ctxFor = (
  r: { jurisdiction: 'gdpr' | 'lgpd' | 'pipeda' | 'ccpa' | 'none'; policyVersion: string },
  now: Date,
) => ({
  jurisdiction: r.jurisdiction,
  policyVersion: r.policyVersion,
  expiryMonths: 12,
  now,
});

describe('shouldPrompt', () => {
  it('asks when there is no decision, except where no consent law applies', () => {
    const now = new Date();
    expect(
      shouldPrompt(undefined, { jurisdiction: 'gdpr', policyVersion: 'v1', expiryMonths: 12, now }),
    ).toBe('no-decision');
    expect(
      shouldPrompt(undefined, { jurisdiction: 'none', policyVersion: 'v1', expiryMonths: 12, now }),
    ).toBeNull();
  });

  it('property: a fresh explicit decision for the same policy and jurisdiction never re-prompts', () => {
    fc.assert(
      fc.property(consentRecordArb, (record) => {
        fc.pre(record.method !== 'gpc' && record.jurisdiction !== 'none');
        const now = new Date(Date.parse(record.createdAt) + 1000);
        expect(shouldPrompt(record, ctxFor(record, now))).toBeNull();
      }),
    );
  });

  it('property: a different policy version always re-prompts', () => {
    fc.assert(
      fc.property(consentRecordArb, fc.stringMatching(/^[\w.-]{1,10}$/), (record, other) => {
        fc.pre(other !== record.policyVersion && record.jurisdiction !== 'none');
        const now = new Date(Date.parse(record.createdAt) + 1000);
        const reason = shouldPrompt(record, { ...ctxFor(record, now), policyVersion: other });
        expect(reason).toBe('new-policy');
      }),
    );
  });

  it('property: a decision re-prompts exactly from its expiry instant on', () => {
    fc.assert(
      fc.property(
        consentRecordArb,
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: -5000, max: 5000 }),
        (record, months, offset) => {
          fc.pre(record.method !== 'gpc' && record.jurisdiction !== 'none');
          const at = expiresAt(record.createdAt, months) + offset;
          const reason = shouldPrompt(record, { ...ctxFor(record, new Date(at)), expiryMonths: months });
          expect(reason).toBe(offset >= 0 ? 'expired' : null);
        },
      ),
    );
  });

  it('re-prompts when the jurisdiction changed, and after a signal-only (gpc) record', () => {
    fc.assert(
      fc.property(consentRecordArb, (record) => {
        fc.pre(record.jurisdiction !== 'gdpr');
        const now = new Date(Date.parse(record.createdAt) + 1000);
        expect(shouldPrompt(record, { ...ctxFor(record, now), jurisdiction: 'gdpr' })).toBe(
          'jurisdiction-changed',
        );
      }),
    );
    fc.assert(
      fc.property(consentRecordArb, (record) => {
        fc.pre(record.jurisdiction !== 'none');
        const now = new Date(Date.parse(record.createdAt) + 1000);
        expect(shouldPrompt({ ...record, method: 'gpc' }, ctxFor(record, now))).toBe('signal-only');
      }),
    );
  });

  it('counts expiry in calendar months', () => {
    expect(new Date(expiresAt('2026-01-31T10:00:00.000Z', 1)).toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(new Date(expiresAt('2026-11-26T17:00:00.000Z', 12)).toISOString()).toBe(
      '2027-11-26T17:00:00.000Z',
    );
  });
});
