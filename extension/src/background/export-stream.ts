import { type ExportFormat, exportHead, exportTail, formatIssues } from '@coreitsm/protocol';
import * as z from 'zod/mini';
import type { ExtensionStore } from '../store/extension-store.js';
import { exportPageText } from './export-text.js';

/**
 * Records per answer: ~3 MB of CSV or ~6.5 MB of JSON; even if every character grew 6× when
 * serialized it stays below Chrome's 64 MiB message limit. Fewer round trips, fewer parses of cursors.
 */
export const EXPORT_PAGE_RECORDS = 10_000;

/** As the whole-file export names them (the popup adds the charset to the Blob's type). */
export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  xml: 'application/xml',
};

/** Where a streamed export stands; opaque to the popup, checked here when it comes back. */
const CursorSchema = z.object({
  key: z.tuple([z.number(), z.number(), z.string(), z.string()]),
  written: z.number().check(z.int(), z.nonnegative()),
  count: z.number().check(z.int(), z.nonnegative()),
});

export interface ExportPiece {
  filename: string;
  mimeType: string;
  body: string;
  count: number;
  next: string | null;
}

function readCursor(text: string): z.infer<typeof CursorSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('bad export cursor');
  }
  const parsed = z.safeParse(CursorSchema, json);
  if (!parsed.success) throw new Error(`bad export cursor: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * The next piece of a streamed export (`records:export` with `cursor`): one page of records read
 * through the recency index (already oldest first: nothing to sort) and formatted, the file's head
 * on the first piece and its tail on the last. Every piece is a slice of the same bytes as the
 * whole-file export; the popup turns each into a Blob part, so neither side holds the whole file.
 */
export async function exportPiece(
  store: ExtensionStore,
  format: ExportFormat,
  cursor: string | null,
  now: Date,
  pageRecords = EXPORT_PAGE_RECORDS,
): Promise<ExportPiece> {
  const at = cursor === null ? null : readCursor(cursor);
  const count = at?.count ?? (await store.countAllRecords());
  const page = await store.exportPage(at?.key ?? null, pageRecords);
  let written = at?.written ?? 0;
  const parts: string[] = at === null ? [exportHead(format, count)] : [];
  if (written + page.records.length > count)
    throw new Error('records were added during the export; export again');
  parts.push(exportPageText(format, page.records, written));
  written += page.records.length;
  const last = page.read < pageRecords || page.lastKey === null;
  if (last) {
    // JSON and XML state the count up front: a file that contradicts it is not handed over.
    if (written !== count) throw new Error('records changed during the export; export again');
    parts.push(exportTail(format, count));
  }
  return {
    filename: `coreitsm-consent-${now.toISOString().slice(0, 10)}.${format}`,
    mimeType: EXPORT_MIME_TYPES[format],
    body: parts.join(''),
    count,
    next: last || page.lastKey === null ? null : JSON.stringify({ key: page.lastKey, written, count }),
  };
}
