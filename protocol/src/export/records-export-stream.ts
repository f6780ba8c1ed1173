import type { ExportFormat } from '../http.js';
import { writeCsv } from './csv-writer.js';
import {
  CSV_HEADER,
  csvCells,
  EXPORT_KIND,
  EXPORT_VERSION,
  type ExportRecord,
  xmlPrologue,
  xmlRecordElement,
} from './records-export.js';

/**
 * The same files as `exportRecords`, byte for byte, written piece by piece: a server can send a
 * history of any length in constant memory (one page of records at a time) instead of building one
 * string. The count comes first in JSON and XML, so the caller states it up front and passes exactly
 * that many records; fewer or more is an error (the file would contradict its own count).
 *
 * @example
 * for await (const text of exportChunks('csv', total, pagesOfRecords)) response.write(text);
 */
export async function* exportChunks(
  format: ExportFormat,
  count: number,
  pages: AsyncIterable<readonly ExportRecord[]>,
): AsyncGenerator<string> {
  yield exportHead(format, count);
  let written = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    if (written + page.length > count)
      throw new Error(`the export holds more than the ${count} records it announced`);
    yield page.map((record, i) => exportRecordText(format, record, written + i)).join('');
    written += page.length;
  }
  if (written !== count) throw new Error(`the export announced ${count} records but found ${written}`);
  yield exportTail(format, count);
}

/** What comes before the first record. */
export function exportHead(format: ExportFormat, count: number): string {
  if (format === 'csv') return writeCsv([CSV_HEADER]);
  if (format === 'xml') return `${xmlPrologue(count)}\n`;
  // The start of `JSON.stringify({ kind, version, count, records }, null, 2)`.
  const fields = [
    ['kind', EXPORT_KIND],
    ['version', EXPORT_VERSION],
    ['count', count],
  ] as const;
  return `{\n${fields.map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)},\n`).join('')}  "records": [`;
}

/** The text of the record at `index` (JSON needs to know whether a comma goes before it). */
export function exportRecordText(format: ExportFormat, record: ExportRecord, index: number): string {
  if (format === 'csv') return writeCsv([csvCells(record)]);
  if (format === 'xml') return `${xmlRecordElement(record)}\n`;
  const indented = JSON.stringify(record, null, 2).replaceAll('\n', '\n    ');
  return `${index === 0 ? '\n' : ',\n'}    ${indented}`;
}

/** What comes after the last record. */
export function exportTail(format: ExportFormat, count: number): string {
  if (format === 'csv') return '';
  if (format === 'xml') return '</consentRecords>\n';
  return count === 0 ? ']\n}\n' : '\n  ]\n}\n';
}
