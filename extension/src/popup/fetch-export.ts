import type { ExportFormat } from '@coreitsm/protocol';
import type { PopupApi } from './popup-api.js';

/**
 * Asks the background for an export piece by piece (`records:export` with `cursor`) and turns
 * each piece into a Blob at once: the browser keeps Blob data outside the page's heap, so the
 * popup's memory stays flat whatever the size of the history.
 */
export async function fetchExport(
  api: PopupApi,
  format: ExportFormat,
): Promise<{ filename: string; mimeType: string; body: Blob; count: number }> {
  const parts: Blob[] = [];
  let piece = await api('records:export', { format, cursor: null });
  const { filename, mimeType, count } = piece;
  parts.push(new Blob([piece.body]));
  while (piece.next) {
    piece = await api('records:export', { format, cursor: piece.next });
    parts.push(new Blob([piece.body]));
  }
  return { filename, mimeType, count, body: new Blob(parts, { type: `${mimeType};charset=utf-8` }) };
}
