import { createDispatcher, createSender, PopupToBackgroundMessages } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record } from '../test-support/fixtures.js';
import { gpcAtSite } from './gpc-at-site.js';
import { createPopupHandlers } from './popup-handlers.js';

const granted = {
  necessary: 'granted',
  functional: 'granted',
  analytics: 'granted',
  marketing: 'granted',
} as const;
const noMarketing = { ...granted, marketing: 'denied' } as const;
const ccpa = { necessary: 'granted', functional: 'granted', analytics: 'granted', marketing: 'denied' };

describe('GPC at each site (issue 11)', () => {
  it('is honoured when the newest record was made with GPC and grants nothing it covers', () => {
    expect(gpcAtSite(record({ gpc: true, choices: noMarketing }))).toBe('honoured');
    expect(gpcAtSite(record({ gpc: true, choices: granted }))).toBe('not-honoured');
    expect(gpcAtSite(record({ gpc: false, choices: noMarketing }))).toBe('not-seen');
    const optOut = record({
      gpc: true,
      jurisdiction: 'ccpa',
      choices: { ...ccpa, sale_sharing: 'granted', sensitive_limit: 'denied' } as never,
    });
    expect(gpcAtSite(optOut)).toBe('not-honoured');
  });

  it('reaches the popup through the summary, kept current by every write', async () => {
    const world = await fakeWorld();
    const site = (origin: string, siteId: string) => ({
      schemaVersion: 1 as const,
      origin,
      siteId,
      policyVersion: '2026-04-08',
      policyUrl: null,
      jurisdiction: 'gdpr' as const,
      api: null,
      subjectId: null,
      token: null,
      state: null,
      confirmedAt: null,
      pending: {},
    });
    await world.deps.store.putSite(site(ORIGIN_A, 'servicedesk'));
    await world.deps.store.putSite(site(ORIGIN_B, 'status'));
    await world.deps.store.putRecords(ORIGIN_A, [
      record({ gpc: false, createdAt: '2026-11-26T10:00:00.000Z' }),
      record({ gpc: true, choices: noMarketing, createdAt: '2026-11-26T11:00:00.000Z' }),
    ]);
    const api = createSender(PopupToBackgroundMessages, (request) =>
      createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps))(request, undefined),
    );
    const gpcOf = async () =>
      Object.fromEntries((await api('sites:list', {})).sites.map((s) => [s.siteId, s.gpc ?? null]));
    expect(await gpcOf()).toEqual({ servicedesk: 'honoured', status: null });
    await world.deps.store.putRecords(ORIGIN_A, [
      record({ gpc: true, choices: granted, createdAt: '2026-11-26T12:00:00.000Z' }),
    ]);
    expect(await gpcOf()).toEqual({ servicedesk: 'not-honoured', status: null });
  });
});
