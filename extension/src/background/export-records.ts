import { compareRecency, type ExportFormat, exportCsv, exportJson, exportXml } from '@coreitsm/protocol';
import type { ExtensionStore } from '../store/extension-store.js';

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

/**
 * Every record of every managed site, oldest first, in one of the protocol's export formats (the
 * same files the server exports). Used by the background's `records:export` handler and directly
 * by the popup, which reads the same IndexedDB: a large history (100,000 records is ~65 MB of JSON)
 * exceeds what one runtime message may carry.
 */
export async function exportRecords(
  store: ExtensionStore,
  format: ExportFormat,
  now: Date,
): Promise<ExportFile> {
  const records = await store.listRecords();
  // Decorate-sort: compareRecency parses dates; do it once per record, not once per comparison.
  const keyed = records.map((record) => ({ record, at: Date.parse(record.createdAt) }));
  keyed.sort((a, b) => a.at - b.at || compareRecency(a.record, b.record));
  const sorted = keyed.map((k) => k.record);
  const { write, mimeType } = EXPORTERS[format];
  const date = now.toISOString().slice(0, 10);
  return {
    filename: `coreitsm-consent-${date}.${format}`,
    mimeType,
    body: write(sorted),
    count: sorted.length,
  };
}
