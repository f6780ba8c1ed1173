import type { Kysely, Migration } from 'kysely';

/**
 * A subject's records by site and time: the current state reads only the newest record of each
 * site (a max per site from this index, then one lookup), and the ingest path counts a subject's
 * records per site from it, so neither reads a history's bodies.
 */
export const latestPerSiteMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('consent_records_subject_site_created')
      .on('consent_records')
      .columns(['subject_id', 'site_id', 'created_at', 'id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('consent_records_subject_site_created').ifExists().execute();
  },
};
