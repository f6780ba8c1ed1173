import { expect } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';

/** The file name the popup's export gives a download of that format. */
export const exportFileName = (format: string) =>
  new RegExp(`^coreitsm-consent-\\d{4}-\\d{2}-\\d{2}\\.${format}$`);

/** The popup's three export files hold exactly the records `ids`, each parsed as its format. */
export function expectExportFilesHold(files: Record<string, string>, ids: readonly string[]): void {
  const sorted = [...ids].sort();
  const json = JSON.parse(files.json ?? '') as { kind: string; records: { id: string }[] };
  expect(json.kind).toBe('coreitsm-consent-export');
  expect(json.records.map((r) => r.id).sort()).toEqual(sorted);
  const csv = Papa.parse<Record<string, string>>(files.csv ?? '', { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data.map((r) => r.id).sort()).toEqual(sorted);
  const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'record' }).parse(
    files.xml ?? '',
  ) as { consentRecords: { record: { '@_id': string }[] } };
  expect(xml.consentRecords.record.map((r) => r['@_id']).sort()).toEqual(sorted);
}
