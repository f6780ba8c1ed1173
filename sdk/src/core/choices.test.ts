import { ConsentRecordSchema, JURISDICTIONS } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { buildRecord } from './build-record.js';
import { acceptAllChoices, completeChoices, defaultChoices, rejectAllChoices } from './choices.js';
import { currentState } from './current-state.js';
import { needsGpcRecord } from './gpc-rules.js';
import { testConfig } from './test-config.js';
import { uuidV7 } from './uuid-v7.js';

describe('choices', () => {
  it('opt-in jurisdictions deny by default; opt-out ones grant unless GPC', () => {
    expect(defaultChoices('gdpr', false)).toEqual({
      necessary: 'granted',
      functional: 'denied',
      analytics: 'denied',
      marketing: 'denied',
    });
    const ccpa = defaultChoices('ccpa', true);
    expect(ccpa.sale_sharing).toBe('denied');
    expect(ccpa.marketing).toBe('denied');
    expect(ccpa.analytics).toBe('granted');
  });

  it('accept all keeps what GPC covers denied; reject all denies everything optional', () => {
    expect(acceptAllChoices('gdpr', false).marketing).toBe('granted');
    expect(acceptAllChoices('gdpr', true).marketing).toBe('denied');
    expect(acceptAllChoices('ccpa', true).sale_sharing).toBe('denied');
    expect(Object.values(rejectAllChoices('ccpa')).filter((v) => v === 'granted')).toEqual(['granted']);
  });

  it('completes partial choices, ignoring purposes of other jurisdictions and never denying necessary', () => {
    const base = defaultChoices('gdpr', false);
    const next = completeChoices('gdpr', base, {
      analytics: 'granted',
      sale_sharing: 'denied',
      necessary: 'denied',
    });
    expect(next).toEqual({
      necessary: 'granted',
      functional: 'denied',
      analytics: 'granted',
      marketing: 'denied',
    });
  });

  it('builds records that pass the protocol schema in every jurisdiction', () => {
    for (const jurisdiction of JURISDICTIONS) {
      const record = buildRecord(testConfig({}, jurisdiction), {
        id: uuidV7(),
        subjectId: 'sub_local1',
        choices: acceptAllChoices(jurisdiction, false),
        method: 'accept-all',
        gpc: false,
        language: 'en',
        now: new Date(),
        previous: null,
      });
      expect(ConsentRecordSchema.safeParse(record).success).toBe(true);
    }
  });
});

describe('GPC', () => {
  const record = (gpc: boolean, covered: 'granted' | 'denied') =>
    buildRecord(testConfig({}, 'ccpa'), {
      id: uuidV7(),
      subjectId: 'sub_x',
      choices: { ...acceptAllChoices('ccpa', false), sale_sharing: covered, marketing: covered },
      method: 'preferences',
      gpc,
      language: 'en',
      now: new Date(),
      previous: null,
    });

  it('records the signal once in opt-out jurisdictions, never in opt-in ones', () => {
    expect(needsGpcRecord(true, 'ccpa', undefined)).toBe(true);
    expect(needsGpcRecord(false, 'ccpa', undefined)).toBe(false);
    expect(needsGpcRecord(true, 'gdpr', undefined)).toBe(false);
    // A decision made without the signal that still grants sale → record the opt-out.
    expect(needsGpcRecord(true, 'ccpa', record(false, 'granted'))).toBe(true);
    // A choice made while the signal was on is the person's own: kept.
    expect(needsGpcRecord(true, 'ccpa', record(true, 'granted'))).toBe(false);
    expect(needsGpcRecord(true, 'ccpa', record(false, 'denied'))).toBe(false);
  });

  it('shows "honored" when the signal is in force', () => {
    const state = currentState(testConfig({}, 'ccpa'), undefined, true, new Date());
    expect(state.gpcHonored).toBe(true);
    expect(state.decided).toBe(false);
    expect(currentState(testConfig({}, 'ccpa'), undefined, false, new Date()).gpcHonored).toBe(false);
  });
});

describe('uuidV7', () => {
  it('is a version 7 UUID ordered by time', () => {
    const a = uuidV7(1_700_000_000_000);
    const b = uuidV7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
