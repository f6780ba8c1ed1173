import { type ExportFormat, exportHead, exportTail } from '@coreitsm/protocol';
import type { ExportVisitor, ExtensionStore } from '../store/extension-store.js';
import { EXPORT_MIME_TYPES } from './export-stream.js';
import { exportPageText } from './export-text.js';

/** An export file as one Blob (`records:export-file`). */
export interface ExportBlob {
  filename: string;
  mimeType: string;
  count: number;
  file: Blob;
}

/** Rows read per request when the export falls back to the rows store. */
const ROWS_PAGE = 10_000;

/**
 * Writes what a read visits into Blob parts: the head once the count is known, each batch of
 * records as one part at once (the browser keeps Blob data out of the worker's heap, so memory
 * stays flat), and the tail. The same bytes as the protocol's exporters (export-text.ts).
 */
function blobWriter(format: ExportFormat) {
  const parts: Blob[] = [];
  let count = 0;
  let written = 0;
  const visitor: ExportVisitor = {
    begin(n) {
      count = n;
      parts.push(new Blob([exportHead(format, n)]));
    },
    records(batch) {
      parts.push(new Blob([exportPageText(format, batch, written)]));
      written += batch.length;
    },
  };
  return {
    visitor,
    finish(): { count: number; written: number; parts: Blob[] } {
      parts.push(new Blob([exportTail(format, count)]));
      return { count, written, parts };
    },
  };
}

/** The rows store read in key order with `exportPage`: the path when the packed pages cannot serve. */
async function readRows(store: ExtensionStore, visit: ExportVisitor): Promise<void> {
  visit.begin(await store.countAllRecords());
  let after = null;
  for (;;) {
    const page = await store.exportPage(after, ROWS_PAGE);
    if (page.records.length > 0) visit.records(page.records);
    if (page.read < ROWS_PAGE || page.lastKey === null) return;
    after = page.lastKey;
  }
}

/**
 * The whole export file as one Blob: read from the packed pages (database version 6), or, when they
 * do not hold exactly the store's records in order, from the rows themselves. JSON and XML state
 * the count up front: a file that contradicts it is never handed over.
 */
export async function exportFile(
  store: ExtensionStore,
  format: ExportFormat,
  now: Date,
): Promise<ExportBlob> {
  let writer = blobWriter(format);
  if (!(await store.readExport(writer.visitor))) {
    console.warn('[coreitsm] the export pages disagree with the records: exporting from the records');
    writer = blobWriter(format);
    await readRows(store, writer.visitor);
  }
  const { count, written, parts } = writer.finish();
  if (written !== count) throw new Error('records changed during the export; export again');
  const mimeType = EXPORT_MIME_TYPES[format];
  return {
    filename: `coreitsm-consent-${now.toISOString().slice(0, 10)}.${format}`,
    mimeType,
    count,
    file: new Blob(parts, { type: `${mimeType};charset=utf-8` }),
  };
}
