import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type AnyConsentRecord, AnyConsentRecordSchema, type Choices } from '../record.js';
import { anyConsentRecordArb } from '../testing/arbitraries.js';
import { PURPOSES } from '../vocabulary.js';
import { readCsvCell } from './csv-writer.js';
import {
  CSV_HEADER,
  EXPORT_KIND,
  type ExportRecord,
  exportCsv,
  exportJson,
  exportRecords,
  exportXml,
} from './records-export.js';

const base64urlArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/);
const receiptArb = fc.tuple(base64urlArb, base64urlArb, base64urlArb).map((parts) => parts.join('.'));
/** Records as exported: some with the server's receipt beside them, some (older, or not yet sent) without. */
const recordsArb = fc.array(
  fc
    .tuple(anyConsentRecordArb, fc.option(receiptArb, { nil: undefined }))
    .map(([record, receipt]): ExportRecord => (receipt === undefined ? record : { ...record, receipt })),
  { maxLength: 25 },
);
/** The record schema is strict: a receipt travels beside the record, so it is read apart. */
const withReceipt = (record: AnyConsentRecord, receipt: string | undefined): ExportRecord =>
  receipt ? { ...record, receipt } : record;

/** Rebuilds records from a CSV export with papaparse, knowing only the documented column rules. */
function recordsFromCsv(csv: string): ExportRecord[] {
  const parsed = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(header).toEqual(CSV_HEADER);
  return rows.map((raw) => {
    const row = Object.fromEntries((header ?? []).map((name, i) => [name, readCsvCell(raw[i] ?? '')]));
    const choices: Choices = {};
    for (const purpose of PURPOSES) {
      const value = row[`choice_${purpose}`];
      if (value === 'granted' || value === 'denied') choices[purpose] = value;
    }
    const record = {
      id: row.id,
      schemaVersion: Number(row.schemaVersion),
      subjectId: row.subjectId,
      siteId: row.siteId,
      origin: row.origin,
      policyVersion: row.policyVersion,
      policyUrl: row.policyUrl || null,
      jurisdiction: row.jurisdiction,
      choices,
      method: row.method,
      gpc: row.gpc === 'true',
      language: row.language,
      createdAt: row.createdAt,
      previous: row.previous || null,
      ...(row.receivedAt ? { receivedAt: row.receivedAt } : {}),
      ...(row.noticeHash ? { noticeHash: row.noticeHash } : {}),
    };
    return withReceipt(AnyConsentRecordSchema.parse(record), row.receipt);
  });
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'record' || name === 'choice',
});

type XmlText = string | { '#text': string };
const text = (v: XmlText | undefined) =>
  v === undefined ? undefined : typeof v === 'string' ? v : v['#text'];

/** Rebuilds records from an XML export with fast-xml-parser. */
function recordsFromXml(xml: string): ExportRecord[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = xmlParser.parse(xml) as {
    consentRecords: { '@count': string; record?: Record<string, unknown>[] };
  };
  const records = doc.consentRecords.record ?? [];
  expect(Number(doc.consentRecords['@count'])).toBe(records.length);
  return records.map((r) => {
    const field = (name: string) => text(r[name] as XmlText | undefined);
    const choices: Choices = {};
    const list = (r.choices as { choice?: { '@purpose': string; '#text': string }[] }).choice ?? [];
    for (const c of list) choices[c['@purpose'] as keyof Choices] = c['#text'] as 'granted' | 'denied';
    const record = AnyConsentRecordSchema.parse({
      id: r['@id'],
      schemaVersion: Number(field('schemaVersion')),
      subjectId: field('subjectId'),
      siteId: field('siteId'),
      origin: field('origin'),
      policyVersion: field('policyVersion'),
      policyUrl: field('policyUrl') ?? null,
      jurisdiction: field('jurisdiction'),
      choices,
      method: field('method'),
      gpc: field('gpc') === 'true',
      language: field('language'),
      createdAt: field('createdAt'),
      previous: field('previous') ?? null,
      ...(field('receivedAt') ? { receivedAt: field('receivedAt') } : {}),
      ...(field('noticeHash') ? { noticeHash: field('noticeHash') } : {}),
    });
    return withReceipt(record, field('receipt'));
  });
}

describe('exporters', () => {
  it('JSON round-trips arbitrary records (property)', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const doc = JSON.parse(exportJson(records));
        expect(doc.kind).toBe(EXPORT_KIND);
        expect(doc.count).toBe(records.length);
        expect(
          doc.records.map(({ receipt, ...r }: { receipt?: string }) =>
            withReceipt(AnyConsentRecordSchema.parse(r), receipt),
          ),
        ).toEqual(records);
      }),
    );
  });

  it('CSV round-trips arbitrary records through papaparse (property)', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        expect(recordsFromCsv(exportCsv(records))).toEqual(records);
      }),
    );
  });

  it('XML round-trips arbitrary records through fast-xml-parser (property)', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        expect(recordsFromXml(exportXml(records))).toEqual(records);
      }),
    );
  });

  it('neutralizes a formula in a record field', () => {
    const [record] = fc.sample(anyConsentRecordArb, { numRuns: 1, seed: 7 });
    const hostile = { ...(record as AnyConsentRecord), policyVersion: '+2+3' };
    const csv = exportCsv([hostile]);
    expect(csv).toContain(`"'+2+3"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(recordsFromCsv(csv)).toEqual([hostile]);
  });

  it('exports an empty history as valid, empty documents', () => {
    expect(recordsFromCsv(exportCsv([]))).toEqual([]);
    expect(recordsFromXml(exportXml([]))).toEqual([]);
    expect(JSON.parse(exportJson([])).records).toEqual([]);
  });

  it('names MIME types and extensions', () => {
    expect(exportRecords([], 'csv')).toMatchObject({ mimeType: 'text/csv; charset=utf-8', extension: 'csv' });
    expect(exportRecords([], 'xml').mimeType).toBe('application/xml; charset=utf-8');
    expect(exportRecords([], 'json').mimeType).toBe('application/json; charset=utf-8');
  });
});
