import type { ExportFormat } from '@coreitsm/protocol';
import type { ExportFile } from './export-records.js';

/**
 * Characters per slice of an export answer. Chrome refuses runtime messages over 64 MiB, and a
 * string may grow up to 6× when serialized (`\u0000` escapes): 8 M characters stays under it.
 */
export const EXPORT_SLICE_CHARS = 8_000_000;

/** A built file is kept this long for its remaining slices, then dropped (it may be 80 MB). */
const KEEP_MS = 120_000;

export interface ExportSlice extends ExportFile {
  exportId: string;
  total: number;
}

/**
 * Serves an export in slices (see `records:export`): the file is built once per `exportId`, and
 * only the last one is kept.
 */
export function exportSlices(
  build: (format: ExportFormat) => Promise<ExportFile>,
  newId: () => string,
  now: () => number,
  sliceChars = EXPORT_SLICE_CHARS,
) {
  let kept: { id: string; format: ExportFormat; file: ExportFile; at: number } | null = null;
  return async (request: {
    format: ExportFormat;
    exportId?: string | undefined;
    offset?: number | undefined;
  }): Promise<ExportSlice> => {
    if (kept && now() - kept.at > KEEP_MS) kept = null;
    if (request.exportId === undefined || kept?.id !== request.exportId || kept.format !== request.format) {
      if (request.exportId !== undefined) throw new Error(`export ${request.exportId} is gone; start again`);
      kept = { id: newId(), format: request.format, file: await build(request.format), at: now() };
    }
    const offset = request.offset ?? 0;
    const { file } = kept;
    return {
      ...file,
      body: file.body.slice(offset, offset + sliceChars),
      exportId: kept.id,
      total: file.body.length,
    };
  };
}
