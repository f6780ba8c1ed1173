import type { ExportFormat } from '@coreitsm/protocol';
import type { ExportPiece } from './export-stream.js';

type Read = (format: ExportFormat, cursor: string | null) => Promise<ExportPiece>;

/**
 * Reads the next piece of a streamed export while the popup is still receiving this one, so the
 * store read overlaps the message transfer. One piece ahead at most: memory stays flat. A piece
 * asked for with any other cursor is read afresh.
 */
export function prefetchingExport(read: Read): Read {
  let ahead: { format: ExportFormat; cursor: string; piece: Promise<ExportPiece> } | null = null;
  return async (format, cursor) => {
    const hit = ahead && cursor !== null && ahead.cursor === cursor && ahead.format === format;
    const piece = hit && ahead ? ahead.piece : read(format, cursor);
    ahead = null;
    const answer = await piece;
    if (answer.next !== null) {
      const next = read(format, answer.next);
      next.catch(() => undefined); // reported when (if) the popup asks for it
      ahead = { format, cursor: answer.next, piece: next };
    }
    return answer;
  };
}
