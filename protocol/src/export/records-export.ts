import type { ExportFormat } from '../http.js';
import type { Receipt } from '../receipts.js';
import type { AnyConsentRecord } from '../record.js';
import { PURPOSES } from '../vocabulary.js';
import { writeCsv } from './csv-writer.js';
import { escapeXmlAttribute, xmlElement } from './xml-writer.js';

/**
 * Export of a list of consent records as JSON, CSV or XML — one implementation for the extension
 * and the server, so a person gets the same file from either. Field order follows CONTRACTS.md.
 */

/** Identifies our export files; readers check it before trusting the rest. */
export const EXPORT_KIND = 'coreitsm-consent-export';
export const EXPORT_VERSION = 1;
/** XML namespace of the export; a URN, so it never pretends to be a fetchable URL. */
export const EXPORT_XML_NAMESPACE = 'urn:coreitsm:consent-export:1';

/** Scalar record fields in contract order; `choices` is spread into one column per purpose. */
export const CSV_SCALAR_FIELDS = [
  'id',
  'schemaVersion',
  'subjectId',
  'siteId',
  'origin',
  'policyVersion',
  'policyUrl',
  'jurisdiction',
  'method',
  'gpc',
  'language',
  'createdAt',
  'receivedAt',
  'previous',
] as const;
/** One column per purpose; an empty cell means the purpose does not apply in that record's jurisdiction. */
export const CSV_CHOICE_COLUMNS = PURPOSES.map((p) => `choice_${p}` as const);
/**
 * Columns added later go last, so the columns before them keep the positions they always had:
 * the server's receipt (issue 11), then the hash of the notice shown (issue 9).
 */
export const CSV_RECEIPT_COLUMN = 'receipt';
export const CSV_NOTICE_COLUMN = 'noticeHash';
export const CSV_HEADER = [
  ...CSV_SCALAR_FIELDS,
  ...CSV_CHOICE_COLUMNS,
  CSV_RECEIPT_COLUMN,
  CSV_NOTICE_COLUMN,
];

/** A record as exported: the record, and the server's receipt for it when there is one. */
export type ExportRecord = AnyConsentRecord & { receipt?: Receipt };

function scalar(record: ExportRecord, field: (typeof CSV_SCALAR_FIELDS)[number]): string {
  const value = record[field];
  return value === null || value === undefined ? '' : String(value);
}

/** JSON: `{"kind","version","count","records":[…]}`, records exactly as the contract writes them. */
export function exportJson(records: readonly ExportRecord[]): string {
  return `${JSON.stringify({ kind: EXPORT_KIND, version: EXPORT_VERSION, count: records.length, records }, null, 2)}\n`;
}

/** CSV: a header row, then one row per record; null or absent values are empty cells. */
export function exportCsv(records: readonly ExportRecord[]): string {
  return writeCsv([CSV_HEADER, ...records.map(csvCells)]);
}

/** One record's CSV cells, in `CSV_HEADER` order (shared with the streaming export). */
export function csvCells(record: ExportRecord): string[] {
  return [
    ...CSV_SCALAR_FIELDS.map((field) => scalar(record, field)),
    ...PURPOSES.map((purpose) => record.choices[purpose] ?? ''),
    record.receipt ?? '',
    record.noticeHash ?? '',
  ];
}

/**
 * XML: `<consentRecords>` with one `<record>` per record. A null or absent field is left out
 * (`policyUrl` and `previous` are null when missing; `receivedAt` is absent before the server stored it).
 */
export function exportXml(records: readonly ExportRecord[]): string {
  return [xmlPrologue(records.length), ...records.map(xmlRecordElement), '</consentRecords>', ''].join('\n');
}

/** The XML declaration and the opening root element, which carries the record count. */
export function xmlPrologue(count: number): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<consentRecords xmlns="${EXPORT_XML_NAMESPACE}" version="${EXPORT_VERSION}" count="${count}">`,
  ].join('\n');
}

/** One `<record>` element, indented as in the whole-file export (shared with the streaming export). */
export function xmlRecordElement(record: ExportRecord): string {
  const fields = CSV_SCALAR_FIELDS.filter(
    (f) => f !== 'id' && record[f] !== null && record[f] !== undefined,
  ).map((f) => `    ${xmlElement(f, scalar(record, f))}`);
  const choices = PURPOSES.filter((p) => record.choices[p] !== undefined).map(
    (p) => `      ${xmlElement('choice', record.choices[p] ?? '', { purpose: p })}`,
  );
  return [
    `  <record id="${escapeXmlAttribute(record.id)}">`,
    ...fields,
    ...(record.noticeHash === undefined ? [] : [`    ${xmlElement('noticeHash', record.noticeHash)}`]),
    '    <choices>',
    ...choices,
    '    </choices>',
    ...(record.receipt === undefined ? [] : [`    ${xmlElement('receipt', record.receipt)}`]),
    '  </record>',
  ].join('\n');
}

export interface ExportFile {
  body: string;
  mimeType: string;
  /** File name extension without the dot. */
  extension: ExportFormat;
}

/** The MIME type of each export format. */
export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/**
 * Export records in a format.
 *
 * @example
 * const { body, mimeType } = exportRecords(history, 'csv');
 * download(new Blob([body], { type: mimeType }), 'consents.csv');
 */
export function exportRecords(records: readonly ExportRecord[], format: ExportFormat): ExportFile {
  const body =
    format === 'json' ? exportJson(records) : format === 'csv' ? exportCsv(records) : exportXml(records);
  return { body, mimeType: EXPORT_MIME_TYPES[format], extension: format };
}
