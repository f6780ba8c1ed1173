// @vitest-environment happy-dom
// @vitest-environment-options {"url": "http://localhost:8081/tickets"}
import 'fake-indexeddb/auto';
import type { Choices } from '@coreitsm/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentState } from '../core/current-state.js';
import { testConfig } from '../core/test-config.js';
import type { SdkConfig } from '../core/types.js';
import { openDb } from '../critical/open-db.js';
import { writeDecision } from '../critical/write-decision.js';
import en, { banner as bannerStrings } from '../i18n/en.js';
import { boot } from './boot.js';
import type { ChunkLoaders } from './chunks.js';

// The full SDK after the critical path: what was applied is not pushed again when zod agrees,
// and zod wins (fail-closed, said once) when it does not.
const chunks: ChunkLoaders = {
  banner: () => import('../critical/banner-entry.js'),
  ui: async () => () => ({ show: async () => undefined, update: () => undefined, hide: () => undefined }),
  strings: async () => en,
  gpp: async () => () => undefined,
  placeholder: async () => () => undefined,
  exporter: async () => () => ({ body: '', mimeType: 'text/plain', extension: 'json' }),
};
type Layer = { dataLayer?: unknown[] };
const consentPushes = () =>
  ((window as Layer).dataLayer ?? []).filter((e) => (e as ArrayLike<unknown>)[0] === 'consent').length;

beforeEach(() => {
  indexedDB.deleteDatabase('coreconsent');
  (window as Layer).dataLayer = [];
  document.body.innerHTML = '<script type="text/plain" data-consent="analytics" id="a">1</script>';
});
afterEach(() => vi.restoreAllMocks());

/** An "Accept all" stored the way the banner stores it (critical/write-decision.ts). */
const storeAcceptAll = (db: IDBDatabase, config: SdkConfig, choices: Choices) =>
  writeDecision(
    db,
    config,
    {
      choices,
      method: 'accept-all',
      gpc: false,
      language: 'en',
      previous: null,
      now: new Date(),
    },
    { bannerTitle: 'Your privacy' },
  );

describe('boot after the critical path (handoff)', () => {
  it('zod agrees: gating re-runs, nothing is pushed twice, no error', async () => {
    const config = testConfig({ siteId: 'agree' });
    const first = await boot(config, chunks, window);
    await first.acceptAll();
    const record = { id: first.get().recordId as string, choices: first.get().choices };
    (window as Layer).dataLayer = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handoff = {
      db: openDb(() => undefined),
      deadline: performance.now() + 3000,
      applied: { recordId: record.id, choices: record.choices },
    };
    const api = await boot(config, chunks, window, handoff);
    expect(api.get().recordId).toBe(record.id);
    expect(consentPushes()).toBe(0);
    expect(error).not.toHaveBeenCalled();
  });

  it('zod disagrees: its answer wins, Consent Mode is updated to it, the console says so once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handoff = {
      db: openDb(() => undefined),
      deadline: performance.now() + 3000,
      // Pretend the critical path applied a grant that storage (as zod reads it) does not hold.
      applied: {
        recordId: '01890a5d-ac96-774b-bcce-b302099a8057',
        choices: {
          necessary: 'granted',
          functional: 'granted',
          analytics: 'granted',
          marketing: 'granted',
        } as const,
      },
    };
    const api = await boot(testConfig({ siteId: 'disagree' }), chunks, window, handoff);
    expect(api.get().decided).toBe(false);
    expect(api.get().choices.analytics).toBe('denied');
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toContain('failed full validation');
    const update = ((window as Layer).dataLayer ?? []).find(
      (e) => (e as ArrayLike<unknown>)[0] === 'consent' && (e as ArrayLike<unknown>)[1] === 'update',
    ) as ArrayLike<unknown> | undefined;
    expect(update?.[2]).toMatchObject({ analytics_storage: 'denied' });
  });

  it('a decision the banner wrote before the runtime loaded is read back as the one in force', async () => {
    const config = testConfig({ siteId: 'banner-write' });
    const db = openDb(() => undefined);
    const record = await storeAcceptAll(await db, config, {
      necessary: 'granted',
      functional: 'granted',
      analytics: 'granted',
      marketing: 'granted',
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const applied = { recordId: record.id, choices: record.choices };
    const api = await boot(config, chunks, window, { db, deadline: performance.now() + 3000, applied });
    expect(api.get()).toMatchObject({ recordId: record.id, decided: true, method: 'accept-all' });
    expect((await api.history()).map((r) => r.id)).toEqual([record.id]);
    expect(error).not.toHaveBeenCalled();
  });

  it('a banner put up on the cookies’ hint goes when the runtime, handed over without a read, finds a decision', async () => {
    const config = testConfig({ siteId: 'hinted' });
    const db = openDb(() => undefined);
    await storeAcceptAll(await db, config, { necessary: 'granted', analytics: 'granted' });
    const banner = await import('../critical/banner-entry.js');
    // What the script tag shows on the hint: the state with no stored record.
    const state = currentState(config, undefined, false, new Date());
    banner.showBanner(
      { strings: bannerStrings, jurisdiction: 'gdpr', policyUrl: null, nonce: null, state },
      null,
    );
    expect(banner.bannerShown()).toBe(true);
    // The critical path's read timed out (applied: null): the runtime reads storage itself.
    const api = await boot(config, chunks, window, { db, deadline: performance.now() + 3000, applied: null });
    expect(api.get().promptReason).toBeNull();
    await vi.waitFor(() => expect(banner.bannerShown()).toBe(false));
  });

  it('a newer decision stored after the critical path applied (another tab) wins without a validation error', async () => {
    const config = testConfig({ siteId: 'newer' });
    const db = openDb(() => undefined);
    const record = await storeAcceptAll(await db, config, { necessary: 'granted', analytics: 'granted' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const applied = { recordId: null, choices: { necessary: 'granted', analytics: 'denied' } as const };
    const api = await boot(config, chunks, window, { db, deadline: performance.now() + 3000, applied });
    expect(api.get().recordId).toBe(record.id);
    expect(document.querySelector('script[data-consent-released]')).not.toBeNull();
    expect(error).not.toHaveBeenCalled();
  });

  it('with the facade: hands its API over instead of defining window.CoreConsent or firing ready again', async () => {
    const win = window as Window & { CoreConsent?: unknown };
    const facade = { kept: true };
    win.CoreConsent = facade;
    const ready = vi.fn();
    document.addEventListener('coreconsent:ready', ready);
    const attach = vi.fn();
    const api = await boot(testConfig({ siteId: 'facade' }), chunks, window, {
      db: openDb(() => undefined),
      deadline: performance.now() + 3000,
      applied: null,
      attach,
    });
    document.removeEventListener('coreconsent:ready', ready);
    expect(attach).toHaveBeenCalledExactlyOnceWith(api);
    expect(win.CoreConsent).toBe(facade);
    expect(ready).not.toHaveBeenCalled();
    delete win.CoreConsent;
  });
});
