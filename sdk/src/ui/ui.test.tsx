// @vitest-environment happy-dom
import type { Choices } from '@coreitsm/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { centerTexts } from '../core/center-texts.js';
import { currentState } from '../core/current-state.js';
import { testConfig } from '../core/test-config.js';
import * as banner from '../critical/banner-entry.js';
import en from '../i18n/en.js';
import { mount } from './mount.js';
import type { UiContext } from './ui-contract.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

function context(jurisdiction: 'gdpr' | 'ccpa' = 'gdpr', gpc = false) {
  let state = currentState(testConfig({}, jurisdiction), undefined, gpc, new Date());
  const saved: Choices[] = [];
  const ctx: UiContext = {
    banner,
    strings: en,
    language: 'en',
    nonce: null,
    jurisdiction,
    purposes: Object.keys(state.choices) as UiContext['purposes'],
    services: [],
    policyHistory: [],
    policyVersion: '2026-04-08',
    policyUrl: 'http://localhost:8081/privacy',
    policyChanges: () => null,
    state: () => state,
    acceptAll: vi.fn(async () => {
      state = { ...state, promptReason: null, decided: true };
    }),
    rejectAll: vi.fn(async () => {
      state = { ...state, promptReason: null, decided: true };
    }),
    save: vi.fn(async (choices: Choices) => {
      saved.push(choices);
      state = { ...state, choices, promptReason: null, decided: true };
    }),
    history: async () => [],
    requestRight: vi.fn(async () => ({ id: 'rr_1', dueAt: '2026-12-26T00:00:00.000Z' })),
  };
  return { ctx, saved };
}

const shadow = () => document.querySelector('coreconsent-ui')?.shadowRoot as ShadowRoot;
const q = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector(selector) as T | null;
const key = (target: Element, k: string, shiftKey = false) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('banner', () => {
  it('reserves its space for focus while it shows (WCAG 2.4.11) and restores the page after', async () => {
    const html = document.documentElement;
    document.body.style.paddingBottom = '3px';
    const ui = mount(context().ctx);
    // Measured with the next frame's layout by a ResizeObserver (its first callback), not by forcing
    // one at show. happy-dom has no layout, so its observer never calls back: this one does, as a
    // browser's does once after observe() (e2e/sdk-focus-not-obscured holds the real one).
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: () => void) {}
        observe() {
          setTimeout(this.callback, 0);
        }
        disconnect() {}
      },
    );
    ui.show('banner');
    await vi.waitFor(() => expect(html.style.scrollPaddingBottom).toMatch(/^\d+px$/));
    expect(document.body.style.paddingBottom).toMatch(/^calc\(3px \+ \d+px\)$/);
    ui.hide();
    expect(html.style.scrollPaddingBottom).toBe('');
    expect(document.body.style.paddingBottom).toBe('3px');
    document.body.style.paddingBottom = '';
    vi.unstubAllGlobals();
  });

  it('renders in an open shadow root with equal Accept/Reject buttons and focus on the banner', async () => {
    const { ctx } = context();
    mount(ctx).show('banner');
    await flush();
    const accept = q('[data-action="accept-all"]');
    const reject = q('[data-action="reject-all"]');
    expect(accept?.className).toBe(reject?.className);
    expect(q('[data-action="customize"]')).not.toBeNull();
    expect(q('[data-action="do-not-sell"]')).toBeNull();
    // Focused with the next animation frame (banner-dom.ts, focusWithFrame).
    await vi.waitFor(() => expect(shadow().activeElement).toBe(q('[data-coreconsent-banner]')));
    accept?.click();
    await flush();
    expect(ctx.acceptAll).toHaveBeenCalledOnce();
    expect(q('[data-coreconsent-banner]')).toBeNull();
  });

  it('shows the US opt-outs, and hides "Do Not Sell" when GPC already opted out', async () => {
    mount(context('ccpa').ctx).show('banner');
    await flush();
    expect(q('[data-action="do-not-sell"]')?.textContent).toBe(en.doNotSell);
    expect(q('[data-action="limit-sensitive"]')?.textContent).toBe(en.limitSensitive);
    document.body.innerHTML = '';
    mount(context('ccpa', true).ctx).show('banner');
    await flush();
    expect(q('[data-action="do-not-sell"]')).toBeNull();
    expect(q('[data-gpc-status]')?.textContent).toBe('Opt-out preference signal honored');
  });
});

describe('the texts a notice records (proof of notice)', () => {
  const onScreen = () => shadow().textContent?.replace(/\s+/g, ' ') ?? '';

  it("banner: every text it records is on screen, and every button's", async () => {
    for (const [jurisdiction, gpc] of [
      ['gdpr', false],
      ['ccpa', false],
      ['ccpa', true],
    ] as const) {
      document.body.innerHTML = '';
      mount(context(jurisdiction, gpc).ctx).show('banner');
      await flush();
      const texts = banner.shownTexts() ?? {};
      for (const text of Object.values(texts)) expect(onScreen()).toContain(text);
      for (const button of shadow().querySelectorAll('button'))
        expect(Object.values(texts)).toContain(button.textContent);
    }
  });

  it('preference center: every text core/center-texts.ts records is on screen', async () => {
    const services = [
      {
        id: 'hotjar',
        name: 'Hotjar',
        purpose: 'analytics' as const,
        cookies: [{ name: '_hj*', duration: '1 year' }],
      },
    ];
    const policyHistory = [{ version: '2026-04-08', effective: '2026-04-08', text: 'Hotjar added.' }];
    const { ctx } = context();
    await mount({ ...ctx, services, policyHistory }).show('preferences');
    await flush();
    const texts = centerTexts(en, {
      purposes: ctx.purposes,
      services,
      policyHistory,
      policyVersion: ctx.policyVersion,
      policyUrl: ctx.policyUrl,
      gpcHonored: false,
    });
    expect(Object.keys(texts)).toContain('purpose.analytics.description');
    const shown = onScreen();
    for (const [role, text] of Object.entries(texts)) {
      // A version's line is drawn as "version (date)" then its summary: compare without spacing.
      const flat = (t: string) => t.replace(/\s+/g, '');
      expect(flat(shown), role).toContain(flat(text));
    }
  });
});

describe('preference center', () => {
  it('is a labelled modal with a switch per purpose and saves the draft', async () => {
    const { ctx, saved } = context();
    await mount(ctx).show('preferences');
    await flush();
    const dialog = q('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    expect(q(`#${dialog?.getAttribute('aria-labelledby')}`)?.textContent).toBe(en.preferencesTitle);
    const analytics = q<HTMLInputElement>('[data-purpose="analytics"]');
    expect(analytics?.checked).toBe(false);
    expect(q<HTMLInputElement>('[data-purpose="necessary"]')?.disabled).toBe(true);
    expect(q(`label[for="${analytics?.id}"]`)).not.toBeNull();
    analytics?.click();
    await flush();
    q('[data-action="save"]')?.click();
    await flush();
    expect(saved[0]).toMatchObject({ analytics: 'granted', marketing: 'denied' });
    expect(q('[role="dialog"]')).toBeNull();
  });

  it('traps Tab, closes on Escape and restores focus to the opener', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { ctx } = context();
    const state = ctx.state();
    ctx.state = () => ({ ...state, promptReason: null, decided: true });
    const ui = mount(ctx);
    await ui.show('preferences');
    await flush();
    const dialog = q('[role="dialog"]') as HTMLElement;
    expect(shadow().activeElement).toBe(dialog);
    const focusables = dialog.querySelectorAll<HTMLElement>(
      'button:not([disabled]),input:not([disabled]),select,textarea,a[href]',
    );
    const first = focusables[0] as HTMLElement;
    const last = focusables[focusables.length - 1] as HTMLElement;
    last.focus();
    key(last, 'Tab');
    expect(shadow().activeElement).toBe(first);
    key(first, 'Tab', true);
    expect(shadow().activeElement).toBe(last);
    key(last, 'Escape');
    await flush();
    expect(q('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('returns to the banner (focused) when Customize was opened from it and a decision is still due', async () => {
    mount(context().ctx).show('banner');
    await flush();
    q('[data-action="customize"]')?.click();
    await flush();
    key(q('[role="dialog"]') as HTMLElement, 'Escape');
    await vi.waitFor(() => expect(shadow().activeElement).toBe(q('[data-coreconsent-banner]')));
  });

  it('files a rights request and shows the due date', async () => {
    const { ctx } = context();
    await mount(ctx).show('preferences');
    await flush();
    (q('#cc-r-kind') as HTMLSelectElement).value = 'erasure';
    q<HTMLFormElement>('[data-rights-form]')?.dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
    await flush();
    await flush();
    expect(ctx.requestRight).toHaveBeenCalledWith('erasure', {});
    expect(q('[data-rights-status]')?.textContent).toContain('rr_1');
    expect(q('[data-rights-status]')?.textContent).toContain('2026');
  });
});
