import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { axeViolations } from './harness/axe.js';
import { openPopup, siteEntry, extensionTest as test, visit } from './harness/extension-fixtures.js';
import { expect } from './harness/fixtures.js';
import { ui } from './harness/index.js';

// Receipts a person keeps (issue 11): the server signs each stored record, the SDK keeps the receipt
// and hands it to the extension, which pins the server's keys and checks every receipt offline.
test.describe.configure({ timeout: 90_000 });

/** The receipt markers of a site's history in the popup, newest first (the history is read on opening). */
async function receiptMarks(popup: Page, siteId: string) {
  await popup.reload();
  await popup.locator(`li[data-site="${siteId}"] [data-action="history"]`).click();
  const rows = popup.locator(`li[data-site="${siteId}"] tr[data-record]`);
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-record'),
      receipt: tr.querySelector('[data-receipt]')?.getAttribute('data-receipt'),
      text: tr.querySelector('[data-receipt]')?.textContent ?? '',
    })),
  );
}

/** The subject's receipts as the server's records page carries them, by record id. */
async function serverReceipts(api: string, token: string): Promise<Record<string, string>> {
  const res = await fetch(`${api}/v1/subjects/me/records?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { receipts?: Record<string, string> }).receipts ?? {};
}

test('a visit gives a verified receipt in the popup; a receipt altered on its way is shown invalid; every export carries receipts', async ({
  ext,
  sites,
  server,
}) => {
  // Status Portal's answers from the server are altered on their way to the page: one character of
  // each receipt's signature changes (a proxy, a compromised CDN, a script on the page could).
  const statusOrigin = new URL(sites.statusPortal.url()).origin;
  await ext.context.route(`${server.url}/v1/records`, async (route) => {
    const response = await route.fetch();
    if (route.request().headers().origin !== statusOrigin) return route.fulfill({ response });
    const body = (await response.json()) as { results: { id: string; receipt?: string }[] };
    const tamper = (jws: string) => {
      const [head, payload, signature = ''] = jws.split('.');
      const at = Math.floor(signature.length / 2);
      const changed = signature[at] === 'A' ? 'B' : 'A';
      return `${head}.${payload}.${signature.slice(0, at)}${changed}${signature.slice(at + 1)}`;
    };
    const results = body.results.map((r) => (r.receipt ? { ...r, receipt: tamper(r.receipt) } : r));
    return route.fulfill({ response, json: { ...body, results } });
  });

  const a = await visit(ext, sites.serviceDesk.url());
  await ui.action(a, 'accept-all').click();
  const b = await visit(ext, sites.statusPortal.url());
  await ui.action(b, 'accept-all').click();
  const popup = await openPopup(ext, ['servicedesk', 'status']);

  // Delivered, the receipt kept by the SDK and announced: the popup shows it verified, for that record.
  const localId = async (page: Page) =>
    page.evaluate(async () => {
      const history = (await (
        window as unknown as { CoreConsent: { history(): Promise<{ id: string }[]> } }
      ).CoreConsent.history()) as { id: string }[];
      return history[0]?.id;
    });
  const aId = await localId(a);
  await expect(async () => {
    const marks = await receiptMarks(popup, 'servicedesk');
    expect(marks[0]).toMatchObject({ id: aId, receipt: 'verified' });
    expect(marks[0]?.text).toContain('signed this receipt for exactly this record');
  }).toPass({ timeout: 20_000 });
  expect(await axeViolations(popup)).toEqual([]);

  const bId = await localId(b);
  await expect(async () => {
    const marks = await receiptMarks(popup, 'status');
    expect(marks[0]).toMatchObject({ id: bId, receipt: 'invalid' });
    expect(marks[0]?.text).toContain('altered');
  }).toPass({ timeout: 20_000 });

  // Exports: each record's kept receipt — the server's own for Service Desk, the altered one for Status.
  const entry = await siteEntry(ext, new URL(sites.serviceDesk.url()).origin);
  if (!entry?.token || !entry.api) throw new Error('no token for servicedesk');
  const onServer = await serverReceipts(entry.api, entry.token);
  const files: Record<string, string> = {};
  for (const format of ['json', 'csv', 'xml']) {
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator(`[data-export="${format}"]`).click(),
    ]);
    files[format] = readFileSync(await download.path(), 'utf8');
  }
  const json = JSON.parse(files.json ?? '') as { records: { id: string; receipt?: string }[] };
  const jsonReceipt = (id: string | undefined) => json.records.find((r) => r.id === id)?.receipt;
  expect(jsonReceipt(aId)).toBe(onServer[aId ?? '']);
  expect(jsonReceipt(bId)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const csv = Papa.parse<Record<string, string>>(files.csv ?? '', { header: true, skipEmptyLines: true });
  expect(csv.data.find((r) => r.id === aId)?.receipt).toBe(onServer[aId ?? '']);
  const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'record' }).parse(
    files.xml ?? '',
  ) as { consentRecords: { record: { '@_id': string; receipt?: string }[] } };
  expect(xml.consentRecords.record.find((r) => r['@_id'] === aId)?.receipt).toBe(onServer[aId ?? '']);
  expect(xml.consentRecords.record.find((r) => r['@_id'] === bId)?.receipt).toBe(jsonReceipt(bId));
});
