// @vitest-environment happy-dom
import { type ManagedSiteView, MessageError } from '@coreitsm/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from './i18n.js';
import { LIST_WINDOW } from './more-rows.js';
import type { PopupApi } from './popup-api.js';
import { PopupApp } from './popup-app.js';
import { allowsSharing } from './summary-line.js';

const view = (i: number): ManagedSiteView => {
  const id = `site-${String(i).padStart(3, '0')}`;
  return {
    siteId: id,
    origin: `https://${id}.example`,
    jurisdiction: 'gdpr',
    policyVersion: '2026-04-08',
    policyUrl: null,
    state: {
      choices: { necessary: 'granted', marketing: i % 4 === 0 ? 'granted' : 'denied' },
      policyVersion: '2026-04-08',
      jurisdiction: 'gdpr',
      recordId: '0193a1d2-7c1e-7a4b-9f00-000000000001',
      createdAt: '2026-11-26T10:00:00.000Z',
    },
    confirmedAt: '2026-11-26T10:00:00.000Z',
    pendingRevocations: [],
    recordCount: 1,
  };
};

/** A background that answers `limit` as the real one does; the full list waits until `release()`. */
function windowedApi(all: ManagedSiteView[], options: { old?: boolean } = {}) {
  const calls: unknown[] = [];
  let release = () => {};
  const full = new Promise<void>((resolve) => {
    release = resolve;
  });
  const api = (async (type: string, payload: { limit?: number }) => {
    switch (type) {
      case 'sites:list': {
        calls.push(payload);
        const sharing = all.filter(allowsSharing).length;
        if (payload.limit !== undefined) {
          // As a background built before `limit`: its strict request schema refuses it.
          if (options.old) throw new MessageError('bad-request', 'payload: unrecognized key "limit"');
          return {
            sites: all.slice(0, payload.limit),
            total: all.length,
            sharing,
            more: all.length > payload.limit,
            refreshing: false,
          };
        }
        await full;
        return options.old ? { sites: all } : { sites: all, total: all.length, sharing, more: false };
      }
      case 'gpc:get':
        return { enabled: true };
      case 'rights:list':
        return { requests: [] };
      case 'sites:icons':
        return { icons: {} };
      default:
        throw new Error(`unexpected ${type}`);
    }
  }) as unknown as PopupApi;
  return { api, calls, release: () => release() };
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 120)));

async function mount(api: PopupApi) {
  const el = document.body.appendChild(document.createElement('div'));
  await act(async () => {
    render(
      <PopupApp env={{ api, t: translator('en'), locale: 'en' }} download={vi.fn()} openOptions={() => {}} />,
      el,
    );
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  return el;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PopupApp first window (issue 11)', () => {
  it('paints the first window with the summary of every site, then lists the rest after the paint', async () => {
    const all = Array.from({ length: 1000 }, (_, i) => view(i));
    const bg = windowedApi(all);
    const el = await mount(bg.api);
    // First paint: only the window arrived, yet the summary counts every site.
    expect(bg.calls[0]).toEqual({ limit: LIST_WINDOW });
    expect(el.querySelector('[data-summary]')?.textContent).toBe(
      '1,000 sites · 250 allow marketing or sale/sharing · GPC on',
    );
    expect(el.querySelector('ul.sites')?.getAttribute('data-total')).toBe('1000');
    expect(el.querySelectorAll('li[data-site]')).toHaveLength(LIST_WINDOW);
    expect(el.querySelector('[data-action="more-sites"]')?.textContent).toContain('960');
    // Searching before the rest is here says "loading", not "no match".
    const input = el.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      input.value = 'site-993';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(el.querySelector('li[data-site]')).toBeNull();
    expect(el.textContent).toContain('Loading');
    // After the paint: every site, and search runs over all of them.
    await settle();
    expect(bg.calls).toEqual([{ limit: LIST_WINDOW }, {}]);
    bg.release();
    await settle();
    expect([...el.querySelectorAll('li[data-site]')].map((li) => li.getAttribute('data-site'))).toEqual([
      'site-993',
    ]);
    await act(async () => {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(el.querySelector('[data-summary]')?.textContent).toBe(
      '1,000 sites · 250 allow marketing or sale/sharing · GPC on',
    );
    expect(el.querySelectorAll('li[data-site]')).toHaveLength(LIST_WINDOW);
    expect(el.querySelector('ul.sites')?.getAttribute('data-total')).toBe('1000');
  });

  it('asks once when every site fits in the window', async () => {
    const bg = windowedApi([view(0), view(1)]);
    const el = await mount(bg.api);
    await settle();
    expect(bg.calls).toEqual([{ limit: LIST_WINDOW }]);
    expect(el.querySelectorAll('li[data-site]')).toHaveLength(2);
  });

  it('lists every site at once from an older background that refuses `limit`', async () => {
    const all = Array.from({ length: 100 }, (_, i) => view(i));
    const bg = windowedApi(all, { old: true });
    bg.release();
    const el = await mount(bg.api);
    await settle();
    expect(bg.calls).toEqual([{ limit: LIST_WINDOW }, {}]);
    expect(el.querySelector('[data-state="error"]')).toBeNull();
    expect(el.querySelector('[data-summary]')?.textContent).toBe(
      '100 sites · 25 allow marketing or sale/sharing · GPC on',
    );
    expect(el.querySelector('ul.sites')?.getAttribute('data-total')).toBe('100');
  });
});
