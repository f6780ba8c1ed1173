// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentState } from '../core/current-state.js';
import { testConfig } from '../core/test-config.js';
import { banner } from '../i18n/en.js';
import { type BannerAction, hideBanner, showBanner, uiRoot } from './banner-dom.js';

const flush = () => new Promise((r) => setTimeout(r, 0));
const view = () => ({
  strings: banner,
  jurisdiction: 'gdpr' as const,
  policyUrl: null,
  nonce: null,
  state: currentState(testConfig({}, 'gdpr'), undefined, false, new Date()),
});
const click = (action: BannerAction) =>
  uiRoot(null).querySelector<HTMLButtonElement>(`[data-action="${action}"]`)?.click();

afterEach(() => hideBanner());

// critical/early-banner.ts shows the banner before storage has answered, with no owner: clicks
// made then must reach the owner that comes later, once each.
describe('a banner shown without an owner', () => {
  it('hands the clicks made meanwhile to its first owner, a double click once', async () => {
    showBanner(view(), null);
    click('reject-all');
    click('reject-all');
    await flush();
    const owner = vi.fn(async (_action: BannerAction) => undefined);
    showBanner(view(), owner);
    await flush();
    expect(owner.mock.calls).toEqual([['reject-all']]);
    // The same DOM, now owned: later clicks go straight to the owner.
    click('accept-all');
    await flush();
    expect(owner.mock.calls).toEqual([['reject-all'], ['accept-all']]);
  });

  it('keeps the section (and its focus) when the owner arrives with the same view', () => {
    showBanner(view(), null);
    const section = uiRoot(null).querySelector('[data-coreconsent-banner]');
    showBanner(view(), async () => undefined);
    expect(uiRoot(null).querySelector('[data-coreconsent-banner]')).toBe(section);
  });
});
