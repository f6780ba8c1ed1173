import type { ExportFormat } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { prefetchingExport } from './export-prefetch.js';
import type { ExportPiece } from './export-stream.js';

const piece = (body: string, next: string | null): ExportPiece => ({
  filename: 'f',
  mimeType: 'text/csv',
  body,
  count: 3,
  next,
});

describe('the export reads one piece ahead', () => {
  it('answers the next cursor from the piece read ahead, and reads anything else afresh', async () => {
    const reads: (string | null)[] = [];
    const pieces: Record<string, ExportPiece> = {
      start: piece('a', 'c1'),
      c1: piece('b', 'c2'),
      c2: piece('c', null),
    };
    const read = prefetchingExport(async (_format: ExportFormat, cursor) => {
      reads.push(cursor);
      const found = pieces[cursor ?? 'start'];
      if (!found) throw new Error('gone');
      return found;
    });
    expect((await read('csv', null)).body).toBe('a');
    expect(reads).toEqual([null, 'c1']); // c1 already on its way
    expect((await read('csv', 'c1')).body).toBe('b');
    expect((await read('csv', 'c2')).body).toBe('c');
    expect(reads).toEqual([null, 'c1', 'c2']); // nothing read twice, nothing after the last piece
    expect((await read('json', 'c1')).body).toBe('b'); // another format: read afresh
    expect(reads).toHaveLength(5); // c1 again, and c2 read ahead
    await expect(read('csv', 'nope')).rejects.toThrow('gone');
  });
});
