import { type ExportFormat, MessageError } from '@coreitsm/protocol';
import type { PopupApi } from './popup-api.js';

/** Export files the background hands over outside runtime messaging (platform/export-deliveries.ts). */
export interface ExportDeliveries {
  /** Waits for the file of `delivery`; call before asking for it (`cancel` when done). */
  expect(delivery: string): { file: Promise<Blob>; cancel(): void };
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  body: Blob;
  count: number;
}

/** How long a posted file may trail the answer that announced it (both leave the worker together). */
const DELIVERY_GRACE_MS = 10_000;

/** What our dispatcher answers for a message it does not know (protocol's messaging.ts). */
const isUnknownMessage = (error: unknown, type: string) =>
  error instanceof MessageError && error.message === `unknown message type "${type}"`;

/**
 * Asks the background for an export. First as one Blob (`records:export-file`, issue 11): built
 * from the packed pages and handed over by reference, either in the answer (Firefox) or posted
 * to this page (Chrome). A background that predates it does not know the message: then piece by
 * piece (`records:export` with `cursor`), each piece a Blob part at once. Either way the popup
 * never holds the file as a string.
 */
export async function fetchExport(
  api: PopupApi,
  format: ExportFormat,
  deliveries?: ExportDeliveries,
  newId: () => string = () => crypto.randomUUID(),
): Promise<ExportedFile> {
  if (deliveries) {
    const delivery = newId();
    const waiting = deliveries.expect(delivery);
    try {
      const answer = await api('records:export-file', { format, delivery });
      const file = answer.file ?? (await withDeadline(waiting.file, DELIVERY_GRACE_MS));
      if (file.size !== answer.size) throw new Error('the export file arrived incomplete; export again');
      const { filename, mimeType, count } = answer;
      // A new Blob over the same data (no copy), typed as the streamed path types it.
      return { filename, mimeType, count, body: new Blob([file], { type: `${mimeType};charset=utf-8` }) };
    } catch (error) {
      if (!isUnknownMessage(error, 'records:export-file')) throw error;
    } finally {
      waiting.cancel();
    }
  }
  return fetchPieces(api, format);
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the export file did not arrive; export again')), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The streamed export (older backgrounds): piece by piece, each turned into a Blob at once. */
async function fetchPieces(api: PopupApi, format: ExportFormat): Promise<ExportedFile> {
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
