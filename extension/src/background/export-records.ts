import { type ExportFormat, type ExportRecord, exportCsv, exportJson, exportXml } from '@coreitsm/protocol';
import type { ExtensionStore } from '../store/extension-store.js';
import type { RecencyKey } from '../store/idb-schema.js';

const EXPORTERS: Record<ExportFormat, { write: typeof exportJson; mimeType: string }> = {
  json: { write: exportJson, mimeType: 'application/json' },
  csv: { write: exportCsv, mimeType: 'text/csv' },
  xml: { write: exportXml, mimeType: 'application/xml' },
};

export interface ExportFile {
  filename: string;
  mimeType: string;
  body: string;
  count: number;
}

/** Rows per read while gathering the whole file. */
const PAGE = 5000;

/**
 * Every record of every managed site, oldest first, each with its kept receipt (issue 11), in one
 * of the protocol's export formats (the same files the server exports). Read through the recency
 * index, which is already in `compareRecency` order (idb-schema.ts), so the streamed export
 * (export-stream.ts) writes the same bytes. Used by the background's whole-file `records:export`
 * (older popups, and files served in slices).
 */
export async function exportRecords(
  store: ExtensionStore,
  format: ExportFormat,
  now: Date,
): Promise<ExportFile> {
  const records: ExportRecord[] = [];
  let after: RecencyKey | null = null;
  for (;;) {
    const page = await store.exportPage(after, PAGE);
    records.push(...page.records);
    if (page.read < PAGE || page.lastKey === null) break;
    after = page.lastKey;
  }
  const { write, mimeType } = EXPORTERS[format];
  const date = now.toISOString().slice(0, 10);
  return {
    filename: `coreitsm-consent-${date}.${format}`,
    mimeType,
    body: write(records),
    count: records.length,
  };
}
