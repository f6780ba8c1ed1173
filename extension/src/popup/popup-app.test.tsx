// @vitest-environment happy-dom
import type { ManagedSiteView } from '@coreitsm/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from './i18n.js';
import { LIST_WINDOW } from './more-rows.js';
import type { PopupApi } from './popup-api.js';
import { PopupApp } from './popup-app.js';

const site = (
  siteId: string,
  marketing: 'granted' | 'denied',
  pending: ManagedSiteView['pendingRevocations'] = [],
) =>
  ({
    siteId,
    origin: siteId === 'status' ? 'http://127.0.0.1:8082' : 'http://localhost:8081',
    jurisdiction: 'gdpr',
    policyVersion: '2026-04-08',
    policyUrl: null,
    state: {
      choices: { necessary: 'granted', functional: 'denied', analytics: 'granted', marketing },
      policyVersion: '2026-04-08',
      jurisdiction: 'gdpr',
      recordId: '0193a1d2-7c1e-7a4b-9f00-000000000001',
      createdAt: '2026-11-26T10:00:00.000Z',
    },
    confirmedAt: '2026-11-26T10:00:00.000Z',
    pendingRevocations: pending,
    recordCount: 1,
  }) satisfies ManagedSiteView;

const ICON = 'data:image/png;base64,iVBORw0KGgo=';

function fakeApi(sites: ManagedSiteView[] | Error) {
  const calls: { type: string; payload: unknown }[] = [];
  const api = (async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    switch (type) {
      case 'sites:list':
        if (sites instanceof Error) throw sites;
        return { sites };
      case 'gpc:get':
        return { enabled: false };
      case 'rights:list':
        return { requests: [] };
      case 'sites:revoke':
        return { sites: 2, deliveredToTabs: 1, queuedForServer: 0 };
      case 'sites:history':
        return { records: [] };
      case 'records:export':
        return { filename: 'x.csv', mimeType: 'text/csv', body: 'id\n', count: 0 };
      case 'sites:icons':
        return { icons: { 'http://localhost:8081': ICON } };
      default:
        throw new Error(`unexpected ${type}`);
    }
  }) as unknown as PopupApi;
  return { api, calls };
}

const historyRecord = (n: number) => ({
  id: `0193a1d2-7c1e-7a4b-9f00-00000000000${n}`,
  schemaVersion: 1 as const,
  subjectId: 'sub_alice',
  siteId: 'status',
  origin: 'http://127.0.0.1:8082',
  policyVersion: '2026-04-08',
  policyUrl: null,
  jurisdiction: 'gdpr' as const,
  choices: { necessary: 'granted' as const, marketing: 'denied' as const },
  method: 'preferences' as const,
  gpc: false,
  language: 'en',
  createdAt: `2026-11-2${n}T10:00:00.000Z`,
  previous: null,
});

const root = () => document.body.appendChild(document.createElement('div'));
afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(sites: ManagedSiteView[] | Error, locale: 'en' | 'pt-PT' = 'en') {
  const { api, calls } = fakeApi(sites);
  const download = vi.fn();
  const el = root();
  await act(async () => {
    render(
      <PopupApp env={{ api, t: translator(locale), locale }} download={download} openOptions={() => {}} />,
      el,
    );
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  return { el, calls, download };
}

const click = async (el: Element | null) => {
  if (!el) throw new Error('element not found');
  await act(async () => (el as HTMLElement).click());
  await act(async () => new Promise((r) => setTimeout(r, 0)));
};

describe('PopupApp', () => {
  it('shows a clear empty state', async () => {
    const { el } = await mount([]);
    expect(el.querySelector('[data-state="empty"]')?.textContent).toContain('No CoreITsm sites yet');
  });

  it('shows an error state with a retry when the background fails', async () => {
    const { el, calls } = await mount(new Error('store unavailable'));
    expect(el.querySelector('[data-state="error"]')?.textContent).toContain('store unavailable');
    await click(el.querySelector('[data-state="error"] button'));
    expect(calls.filter((c) => c.type === 'sites:list')).toHaveLength(2);
  });

  it('sums up at the top: how many sites, how many may use data for marketing or sell/share it, GPC', async () => {
    const { el } = await mount([site('servicedesk', 'granted'), site('status', 'denied')]);
    expect(el.querySelector('[data-summary]')?.textContent).toBe(
      '2 sites · 1 allows marketing or sale/sharing · GPC off',
    );
    // A revocation not yet confirmed by the site counts as refused.
    const pending = await mount([site('servicedesk', 'granted', ['marketing'])], 'pt-PT');
    expect(pending.el.querySelector('[data-summary]')?.textContent).toBe(
      '1 site · nenhum permite marketing nem venda/partilha · GPC desligado',
    );
  });

  it("shows each site's kept icon, a monogram of its name where it has none, and whether GPC was honoured there", async () => {
    const named = {
      ...site('servicedesk', 'denied'),
      siteName: 'CoreITsm Service Desk',
      gpc: 'honoured' as const,
    };
    const { el, calls } = await mount(
      [named, { ...site('status', 'granted'), gpc: 'not-seen' as const }],
      'pt-PT',
    );
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    const row = (s: string) => el.querySelector(`li[data-site="${s}"]`);
    expect(calls.find((c) => c.type === 'sites:icons')?.payload).toEqual({
      origins: ['http://localhost:8081', 'http://127.0.0.1:8082'],
    });
    expect(row('servicedesk')?.querySelector('img[data-site-icon="image"]')?.getAttribute('src')).toBe(ICON);
    expect(row('servicedesk')?.querySelector('img')?.getAttribute('alt')).toBe('');
    const monogram = row('status')?.querySelector('[data-site-icon="monogram"]');
    expect(monogram?.textContent).toBe('S');
    expect(monogram?.getAttribute('aria-hidden')).toBe('true');
    expect(row('servicedesk')?.querySelector('[data-gpc-honoured]')?.getAttribute('data-gpc-honoured')).toBe(
      'honoured',
    );
    expect(row('servicedesk')?.querySelector('[data-gpc-honoured]')?.textContent).toMatch(
      /^GPC respeitado aqui/,
    );
    expect(row('status')?.querySelector('[data-gpc-honoured="not-seen"]')?.textContent).toMatch(
      /^GPC não visto/,
    );
  });

  it('never shows an icon that is not a kept data URL', async () => {
    const { SiteIcon } = await import('./site-icon.js');
    const el = root();
    await act(async () => render(<SiteIcon name="évora" icon="https://tracker.example/p.png" />, el));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-site-icon="monogram"]')?.textContent).toBe('É');
  });

  it('names each site by the name it gives itself, else by its id; search finds either', async () => {
    const named = { ...site('servicedesk', 'granted'), siteName: 'CoreITsm Service Desk' };
    const { el } = await mount([named, site('status', 'denied')]);
    const name = (s: string) => el.querySelector(`li[data-site="${s}"] [data-site-name]`)?.textContent;
    expect(name('servicedesk')).toBe('CoreITsm Service Desk');
    expect(name('status')).toBe('status');
    const search = el.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('no search box');
    await act(async () => {
      search.value = 'service desk';
      search.dispatchEvent(new Event('input'));
    });
    expect([...el.querySelectorAll('li[data-site]')].map((li) => li.getAttribute('data-site'))).toEqual([
      'servicedesk',
    ]);
  });

  it('lists sites with their choices and marks unconfirmed revocations as pending', async () => {
    const { el } = await mount([site('servicedesk', 'granted', ['marketing']), site('status', 'denied')]);
    const choice = (s: string, p: string) => el.querySelector(`li[data-site="${s}"] li[data-purpose="${p}"]`);
    expect(choice('servicedesk', 'marketing')?.getAttribute('data-choice')).toBe('pending');
    expect(choice('status', 'marketing')?.getAttribute('data-choice')).toBe('denied');
    expect(choice('status', 'analytics')?.querySelector('button')?.textContent).toBe('Revoke Analytics');
  });

  it('revokes one purpose of one site (named by id and origin)', async () => {
    const { el, calls } = await mount([site('status', 'granted')]);
    await click(el.querySelector('li[data-site="status"] li[data-purpose="marketing"] button'));
    expect(calls.find((c) => c.type === 'sites:revoke')?.payload).toEqual({
      siteId: 'status',
      purposes: ['marketing'],
      origin: 'http://127.0.0.1:8082',
    });
    expect(el.querySelector('[data-status]')?.textContent).toContain('applied in 1 open tab');
  });

  it('asks for confirmation before revoking everything everywhere', async () => {
    const { el, calls } = await mount([site('servicedesk', 'granted'), site('status', 'granted')]);
    await click(el.querySelector('[data-action="revoke-everything"]'));
    expect(calls.some((c) => c.type === 'sites:revoke')).toBe(false);
    expect(el.querySelector('[data-confirm]')?.textContent).toContain('(2)');
    await click(el.querySelector('[data-action="cancel"]'));
    expect(el.querySelector('[data-confirm]')).toBeNull();
    await click(el.querySelector('[data-action="revoke-everything"]'));
    await act(async () => {
      el.querySelector('[data-confirm]')?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(el.querySelector('[data-confirm]')).toBeNull();
    await click(el.querySelector('[data-action="revoke-everything"]'));
    await click(el.querySelector('[data-action="confirm"]'));
    expect(calls.find((c) => c.type === 'sites:revoke')?.payload).toMatchObject({ siteId: null });
  });

  it('says when older history is no longer kept in the browser, and where it still is', async () => {
    const trimmed = { count: 840, from: '2025-01-02T10:00:00.000Z', to: '2026-03-04T10:00:00.000Z' };
    const { el } = await mount([{ ...site('servicedesk', 'granted'), trimmed }, site('status', 'denied')]);
    await click(el.querySelector('li[data-site="servicedesk"] [data-action="history"]'));
    const note = el.querySelector('li[data-site="servicedesk"] [data-history-trimmed]');
    expect(note?.getAttribute('data-history-trimmed')).toBe('840');
    expect(note?.textContent).toMatch(/At least 840 older records, from .*2025.* to .*2026/);
    expect(note?.textContent).toContain('the newest 200 per site');
    await click(el.querySelector('li[data-site="status"] [data-action="history"]'));
    expect(el.querySelector('li[data-site="status"] [data-history-trimmed]')).toBeNull();
  });

  it('searches by site id or origin', async () => {
    const { el } = await mount([site('servicedesk', 'granted'), site('status', 'granted')]);
    const input = el.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      input.value = '127.0.0.1';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect([...el.querySelectorAll('li[data-site]')].map((li) => li.getAttribute('data-site'))).toEqual([
      'status',
    ]);
  });

  it('renders a long list in windows, and search reaches sites not rendered yet', async () => {
    const many = Array.from({ length: LIST_WINDOW * 2 + 5 }, (_, i) => site(`site-${i}`, 'denied'));
    const { el } = await mount(many);
    const rows = () => [...el.querySelectorAll('li[data-site]')].map((li) => li.getAttribute('data-site'));
    expect(rows()).toHaveLength(LIST_WINDOW);
    expect(el.querySelector('ul.sites')?.getAttribute('data-total')).toBe(String(many.length));
    await click(el.querySelector('[data-action="more-sites"]'));
    expect(rows()).toHaveLength(LIST_WINDOW * 2);
    const input = el.querySelector('input[type="search"]') as HTMLInputElement;
    await act(async () => {
      input.value = `site-${many.length - 1}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rows()).toEqual([`site-${many.length - 1}`]);
    expect(el.querySelector('[data-action="more-sites"]')).toBeNull();
  });

  it('pages a site history: older records on request', async () => {
    const { api, calls } = fakeApi([site('status', 'granted')]);
    const pages = [
      { records: [historyRecord(3), historyRecord(2)], more: true },
      { records: [historyRecord(1)], more: false },
    ];
    const paged = (async (type: string, payload: unknown) => {
      if (type !== 'sites:history') return api(type as 'gpc:get', payload as never);
      calls.push({ type, payload });
      return pages.shift();
    }) as unknown as PopupApi;
    const el = root();
    await act(async () => {
      render(
        <PopupApp
          env={{ api: paged, t: translator('en'), locale: 'en' }}
          download={vi.fn()}
          openOptions={() => {}}
        />,
        el,
      );
    });
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    await click(el.querySelector('[data-action="history"]'));
    expect(el.querySelectorAll('tr[data-record]')).toHaveLength(2);
    await click(el.querySelector('[data-action="older"]'));
    expect(el.querySelectorAll('tr[data-record]')).toHaveLength(3);
    expect(el.querySelector('[data-action="older"]')).toBeNull();
    const asked = calls.filter((c) => c.type === 'sites:history').map((c) => c.payload);
    expect(asked).toEqual([
      { siteId: 'status', origin: 'http://127.0.0.1:8082', limit: 50 },
      { siteId: 'status', origin: 'http://127.0.0.1:8082', limit: 50, before: historyRecord(2).id },
    ]);
  });

  it('hands the export to the download function', async () => {
    const { el, download } = await mount([site('status', 'granted')]);
    await click(el.querySelector('[data-export="csv"]'));
    expect(download).toHaveBeenCalledWith('x.csv', 'text/csv', 'id\n');
  });

  it('speaks European Portuguese', async () => {
    const { el } = await mount([]);
    expect(el.textContent).toContain('No CoreITsm');
    document.body.innerHTML = '';
    const pt = await mount([], 'pt-PT');
    expect(pt.el.querySelector('[data-state="empty"]')?.textContent).toContain('Ainda não há sites CoreITsm');
  });
});
