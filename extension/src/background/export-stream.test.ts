import { EXPORT_FORMATS } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { fakeWorld, ORIGIN_A, ORIGIN_B, record } from '../test-support/fixtures.js';
import { exportRecords } from './export-records.js';
import { exportPiece } from './export-stream.js';

describe('the streamed export (issue 11)', () => {
  it('writes, piece by piece, the same bytes as the whole-file export', async () => {
    const world = await fakeWorld();
    const minute = (i: number) => new Date(Date.UTC(2026, 10, 1, 0, (i * 37) % 61)).toISOString();
    await world.deps.store.putRecords(
      ORIGIN_A,
      Array.from({ length: 20 }, (_, i) => record({ createdAt: minute(i) })),
    );
    await world.deps.store.putRecords(
      ORIGIN_B,
      Array.from({ length: 11 }, (_, i) =>
        record({ origin: ORIGIN_B, siteId: 'b', createdAt: minute(i + 3) }),
      ),
    );
    for (const format of EXPORT_FORMATS) {
      const whole = await exportRecords(world.deps.store, format, world.deps.now());
      let piece = await exportPiece(world.deps.store, format, null, world.deps.now(), 7);
      let body = piece.body;
      let pieces = 1;
      while (piece.next) {
        piece = await exportPiece(world.deps.store, format, piece.next, world.deps.now(), 7);
        body += piece.body;
        pieces++;
      }
      expect(body).toBe(whole.body);
      expect(piece.count).toBe(31);
      expect(pieces).toBe(5);
    }
  });

  it('an empty store exports a valid empty file; a forged cursor is refused', async () => {
    const world = await fakeWorld();
    const piece = await exportPiece(world.deps.store, 'json', null, world.deps.now());
    expect(JSON.parse(piece.body)).toMatchObject({ count: 0, records: [] });
    expect(piece.next).toBeNull();
    await expect(exportPiece(world.deps.store, 'csv', '{"key":1}', world.deps.now())).rejects.toThrow(
      /cursor/,
    );
  });

  it('refuses to finish a file that would contradict its own count', async () => {
    const world = await fakeWorld();
    await world.deps.store.putRecords(
      ORIGIN_A,
      Array.from({ length: 4 }, () => record()),
    );
    const first = await exportPiece(world.deps.store, 'xml', null, world.deps.now(), 2);
    await world.deps.store.forgetSite(ORIGIN_A);
    await expect(exportPiece(world.deps.store, 'xml', first.next, world.deps.now(), 2)).rejects.toThrow(
      /export again/,
    );
  });
});
