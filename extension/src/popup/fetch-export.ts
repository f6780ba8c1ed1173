import type { ExportFormat } from '@coreitsm/protocol';
import type { PopupApi } from './popup-api.js';

/** Asks the background for a whole export file, slice by slice (see `records:export`). */
export async function fetchExport(
  api: PopupApi,
  format: ExportFormat,
): Promise<{ filename: string; mimeType: string; body: string; count: number }> {
  const first = await api('records:export', { format });
  const parts = [first.body];
  let received = first.body.length;
  const total = first.total ?? received;
  while (received < total && first.exportId) {
    const next = await api('records:export', { format, exportId: first.exportId, offset: received });
    if (next.body.length === 0) throw new Error('the export ended early');
    parts.push(next.body);
    received += next.body.length;
  }
  return { filename: first.filename, mimeType: first.mimeType, body: parts.join(''), count: first.count };
}
