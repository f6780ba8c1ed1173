import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { initialMigration } from './migrations/001-initial.js';
import type { Db } from './schema.js';

/** Migrations are code (not files found at run time), so the built package carries them. Names sort in order. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initialMigration,
};

/** Brings the schema to the latest version; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
