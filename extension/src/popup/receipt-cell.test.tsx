// @vitest-environment happy-dom
import type { ReceiptCheck } from '@coreitsm/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { record } from '../test-support/fixtures.js';
import { LOCALES, type Locale, translator } from './i18n.js';
import type { PopupApi } from './popup-api.js';
import { SiteHistory } from './site-history.js';

const records = [record(), record(), record(), record(), record()];
const checks: ReceiptCheck[] = [
  { status: 'verified', kid: 'k1', storedAt: '2026-11-26T12:00:01.000Z' },
  { status: 'invalid', reason: 'signature', kid: 'k1' },
  { status: 'invalid', reason: 'other-record', kid: 'k1' },
  { status: 'missing' },
  { status: 'unchecked', reason: 'no-keys' },
];

async function show(locale: Locale, keysChanged: string[] = []) {
  const api = (async () => ({
    records,
    more: false,
    receipts: Object.fromEntries(records.map((r, i) => [r.id, checks[i]])),
    keysChanged,
  })) as unknown as PopupApi;
  const el = document.body.appendChild(document.createElement('div'));
  await act(async () => {
    render(
      <SiteHistory
        env={{ api, t: translator(locale), locale }}
        siteId="servicedesk"
        origin="http://localhost:8081"
      />,
      el,
    );
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  return el;
}
afterEach(() => {
  document.body.innerHTML = '';
});

describe('receipts in a site history (issue 11)', () => {
  it('marks each entry verified, invalid, missing or unchecked, with why in plain words', async () => {
    const el = await show('en');
    const cells = records.map((r) => el.querySelector(`tr[data-record="${r.id}"] [data-receipt]`));
    expect(cells.map((c) => c?.getAttribute('data-receipt'))).toEqual([
      'verified',
      'invalid',
      'invalid',
      'missing',
      'unchecked',
    ]);
    expect(cells[0]?.textContent).toMatch(/^Verified .*signed this receipt for exactly this record/);
    expect(cells[0]?.textContent).toContain('2026');
    expect(cells[1]?.textContent).toMatch(/^Invalid .*altered/);
    expect(cells[2]?.textContent).toMatch(/different record/);
    expect(cells[3]?.textContent).toMatch(/^None .*not confirmed storing/);
    expect(cells[4]?.textContent).toMatch(/^Not checked .*keys could not be fetched/);
    expect(el.querySelector('[data-receipt-keys-changed]')).toBeNull();
  });

  it('speaks each of the five languages, with no placeholder left unfilled', async () => {
    const english = (await show('en')).querySelector('tbody')?.textContent;
    for (const locale of Object.keys(LOCALES) as Locale[]) {
      document.body.innerHTML = '';
      const el = await show(locale);
      const text = el.querySelector('tbody')?.textContent ?? '';
      expect(text).not.toMatch(/\{\w+\}|receipt_|receiptWhy_/);
      if (locale !== 'en') expect(text).not.toBe(english);
    }
  });

  it('warns when the server publishes another key under a pinned kid', async () => {
    const el = await show('en', ['kid-1']);
    const warning = el.querySelector('[data-receipt-keys-changed]');
    expect(warning?.getAttribute('role')).toBe('alert');
    expect(warning?.textContent).toContain('kid-1');
  });
});
