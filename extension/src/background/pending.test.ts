import { isNarrowing, type SiteState } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { addPending, markServerConfirmed, reconcilePending } from './pending.js';

const state = (marketing: 'granted' | 'denied', createdAt: string): SiteState => ({
  choices: { necessary: 'granted', analytics: 'granted', marketing },
  policyVersion: '1',
  jurisdiction: 'gdpr',
  recordId: '0193a1d2-7c1e-7a4b-9f00-000000000001',
  createdAt,
});

describe('reconcilePending (re-apply on the next visit)', () => {
  const pending = addPending({}, ['marketing'], '2026-11-26T12:00:00.000Z');

  it('re-applies a revocation the site has not seen (state older, still granted)', () => {
    const result = reconcilePending(pending, state('granted', '2026-11-26T11:00:00.000Z'));
    expect(result.reapply).toEqual(['marketing']);
    expect(result.remaining.marketing?.revokedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('settles once the site shows it denied', () => {
    const result = reconcilePending(pending, state('denied', '2026-11-26T12:00:01.000Z'));
    expect(result).toEqual({ reapply: [], remaining: {} });
  });

  it('does not let a state dated far in the future pass for a later choice (finding 2)', () => {
    const now = new Date('2026-11-26T12:30:00.000Z');
    const result = reconcilePending(pending, state('granted', '9999-01-01T00:00:00.000Z'), now);
    expect(result.reapply).toEqual(['marketing']);
    // Within the skew a later grant still wins.
    expect(reconcilePending(pending, state('granted', '2026-11-26T12:34:00.000Z'), now).reapply).toEqual([]);
  });

  it('lets a later choice made on the site win (re-granted after the revocation)', () => {
    const result = reconcilePending(pending, state('granted', '2026-11-26T13:00:00.000Z'));
    expect(result).toEqual({ reapply: [], remaining: {} });
  });

  it('drops purposes that do not apply on the site, keeps all when the site has no state yet', () => {
    const withSale = addPending(pending, ['sale_sharing'], '2026-11-26T12:00:00.000Z');
    expect(reconcilePending(withSale, state('granted', '2026-11-26T11:00:00.000Z')).reapply).toEqual([
      'marketing',
    ]);
    expect(reconcilePending(withSale, null)).toEqual({ reapply: [], remaining: withSale });
  });

  it('server confirmation keeps the entry (for the site) but marks it', () => {
    const marked = markServerConfirmed(pending, ['marketing', 'analytics']);
    expect(marked).toEqual({ marketing: { revokedAt: '2026-11-26T12:00:00.000Z', server: true } });
  });
});

describe('the narrowing rule (protocol) as the extension relies on it', () => {
  it('refuses any change that grants', () => {
    expect(isNarrowing({ marketing: 'granted' }, { marketing: 'denied' })).toBe(true);
    expect(isNarrowing({ marketing: 'denied' }, { marketing: 'granted' })).toBe(false);
    expect(isNarrowing({}, { analytics: 'granted' })).toBe(false);
  });
});
