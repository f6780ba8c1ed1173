import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { localHistory, ui } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// CoreConsent.export(format): the person's own records as JSON, CSV and XML, parsed here with
// independent parsers and checked against CoreConsent.history().

type ExportFile = { body: string; mimeType: string };

test('CoreConsent.export gives the same records as history() in JSON, CSV and XML', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'ccpa' }));
  await ui.action(page, 'accept-all').click();
  await expect.poll(async () => (await localHistory(page)).length).toBe(1);
  await page.evaluate(() => window.CoreConsent?.set({ sale_sharing: 'denied', analytics: 'denied' }));
  await expect.poll(async () => (await localHistory(page)).length).toBe(2);
  const history = await localHistory(page);
  const exported = async (format: string) =>
    page.evaluate(
      async (f) => JSON.parse(JSON.stringify(await window.CoreConsent?.export(f))) as ExportFile,
      format,
    );

  const json = await exported('json');
  expect(json.mimeType).toMatch(/^application\/json/);
  const parsed = JSON.parse(json.body) as { kind: string; count: number; records: { id: string }[] };
  expect(parsed).toMatchObject({ kind: 'coreitsm-consent-export', count: 2 });
  expect([...parsed.records].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [...history].sort((a, b) => a.id.localeCompare(b.id)),
  );

  const csv = await exported('csv');
  expect(csv.mimeType).toMatch(/^text\/csv/);
  const rows = Papa.parse<Record<string, string>>(csv.body.trim(), { header: true }).data;
  expect(rows.map((r) => r.id).sort()).toEqual(history.map((r) => r.id).sort());
  for (const record of history) {
    const row = rows.find((r) => r.id === record.id);
    expect(row).toMatchObject({
      method: record.method,
      jurisdiction: 'ccpa',
      choice_sale_sharing: record.choices.sale_sharing,
      choice_analytics: record.choices.analytics,
      previous: record.previous ?? '',
    });
  }

  const xml = await exported('xml');
  expect(xml.mimeType).toMatch(/^application\/xml/);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml.body) as {
    consentRecords: { '@count': string; record: { '@id': string; method: string }[] };
  };
  expect(doc.consentRecords['@count']).toBe('2');
  expect(doc.consentRecords.record.map((r) => [r['@id'], r.method]).sort()).toEqual(
    history.map((r) => [r.id, r.method]).sort(),
  );

  await expect(page.evaluate(() => window.CoreConsent?.export('pdf'))).rejects.toThrow(/format|json/i);
});
