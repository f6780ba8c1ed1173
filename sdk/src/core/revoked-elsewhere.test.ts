import { describe, expect, it } from 'vitest';
import { buildRecord } from './build-record.js';
import { acceptAllChoices } from './choices.js';
import { currentState } from './current-state.js';
import { testConfig } from './test-config.js';
import { uuidV7 } from './uuid-v7.js';

// currentState and the revocation cookie (protocol's revocation-cookie.ts): a purpose revoked in
// the extension is denied while the decision in force is older than the revocation.
const at = (iso: string) => new Date(iso);
const acceptedAt = (when: string, jurisdiction: 'gdpr' | 'ccpa' = 'gdpr') =>
  buildRecord(testConfig({}, jurisdiction), {
    id: uuidV7(),
    subjectId: 'sub_local1',
    choices: acceptAllChoices(jurisdiction, false),
    method: 'accept-all',
    gpc: false,
    language: 'en',
    now: at(when),
    previous: null,
  });
const now = at('2026-12-07T12:00:00.000Z');

describe('purposes revoked elsewhere (the revocation cookie)', () => {
  it('denies a purpose the extension revoked after the decision in force, and only that one', () => {
    const record = acceptedAt('2026-12-01T00:00:00.000Z');
    const revoked = { analytics: Date.parse('2026-12-05T00:00:00.000Z') };
    const state = currentState(testConfig({ revoked }), record, false, now);
    expect(state.choices).toEqual({
      necessary: 'granted',
      functional: 'granted',
      analytics: 'denied',
      marketing: 'granted',
    });
    expect(state.recordId).toBe(record.id);
  });

  it('lets a later decision on the site win over an older revocation', () => {
    const record = acceptedAt('2026-12-06T00:00:00.000Z');
    const revoked = { analytics: Date.parse('2026-12-05T00:00:00.000Z') };
    expect(currentState(testConfig({ revoked }), record, false, now).choices.analytics).toBe('granted');
  });

  it('denies an opt-out default too (no decision in force), and ignores purposes the jurisdiction lacks', () => {
    const revoked = { sale_sharing: 1, functional: 1 };
    const ccpa = currentState(testConfig({ revoked }, 'ccpa'), undefined, false, now);
    expect(ccpa.choices.sale_sharing).toBe('denied');
    expect(ccpa.choices.functional).toBe('denied');
    expect(ccpa.choices.analytics).toBe('granted');
    const gdpr = currentState(
      testConfig({ revoked: { sale_sharing: 1 } }),
      acceptedAt('2026-12-01T00:00:00.000Z'),
      false,
      now,
    );
    expect(gdpr.choices).not.toHaveProperty('sale_sharing');
  });

  it('changes nothing without the cookie', () => {
    const record = acceptedAt('2026-12-01T00:00:00.000Z');
    expect(currentState(testConfig({ revoked: {} }), record, false, now).choices).toEqual(
      currentState(testConfig(), record, false, now).choices,
    );
  });
});
