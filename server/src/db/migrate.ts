import { type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { forgetChainCount } from '../audit/chains.js';
import { initialMigration } from './migrations/001-initial.js';
import { latestPerSiteMigration } from './migrations/002-latest-per-site.js';
import { auditBodyHashesMigration } from './migrations/003-audit-body-hashes.js';
import { subjectSiteCountsMigration } from './migrations/004-subject-site-counts.js';
import { futureDatedOrderMigration } from './migrations/005-future-dated-order.js';
import { receiptsMigration } from './migrations/006-receipts.js';
import { noticesMigration } from './migrations/007-notices.js';
import { auditChainsMigration } from './migrations/008-audit-chains.js';
import type { Db, Dialect } from './schema.js';

/** Migrations are code (not files found at run time), so the built package carries them. Names sort in order. */
const migrations = (options: MigrateOptions): Record<string, Migration> => ({
  '001-initial': initialMigration,
  '002-latest-per-site': latestPerSiteMigration,
  '003-audit-body-hashes': auditBodyHashesMigration,
  '004-subject-site-counts': subjectSiteCountsMigration,
  '005-future-dated-order': futureDatedOrderMigration,
  '006-receipts': receiptsMigration,
  '007-notices': noticesMigration,
  '008-audit-chains': auditChainsMigration(options.auditChains),
});

export interface MigrateOptions {
  /** Chains migration 008 creates (AUDIT_CHAINS); ignored once it has run. */
  auditChains?: number;
}

/**
 * Brings the schema to the latest version (or to `target`, a migration name: tests that start
 * from an older database); throws with the failing migration's error.
 */
export async function migrateToLatest(
  db: Db,
  dialect: Dialect,
  target?: string,
  options: MigrateOptions = {},
): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in any schema unless told which: on a PostgreSQL
  // database holding other schemas (other apps, parallel test runs) pin it to ours.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(options) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results }: MigrationResultSet =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  forgetChainCount(db);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
