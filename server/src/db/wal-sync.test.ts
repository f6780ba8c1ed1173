import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { openDatabase } from './open-database.js';
import { walSyncer } from './wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'coreconsent-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs SQLite in WAL mode with synchronous=NORMAL and fsyncs the WAL on demand', async () => {
  const opened = await openDatabase(join(dir, 'a.db'));
  await migrateToLatest(opened.db, opened.dialect);
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
  const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(opened.db);
  expect(mode.rows).toEqual([{ journal_mode: 'wal' }]);
  expect(sync.rows).toEqual([{ synchronous: 1 }]); // NORMAL: our own fsync makes commits durable
  await expect(Promise.all([opened.sync(), opened.sync(), opened.sync()])).resolves.toHaveLength(3);
  await opened.close();
});

it('coalesces: calls during a running fsync share the next one', async () => {
  const path = join(dir, 'x-wal');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, 'x');
  const wal = walSyncer(path);
  const first = wal.sync();
  const second = wal.sync();
  const third = wal.sync();
  expect(second).toBe(third); // both wait for the same follow-up fsync
  expect(second).not.toBe(first);
  await Promise.all([first, second, third]);
  await wal.close();
});

it('rejects when the WAL cannot be opened', async () => {
  const wal = walSyncer(join(dir, 'missing', 'db-wal'));
  await expect(wal.sync()).rejects.toThrow(/ENOENT/);
  await wal.close();
});
