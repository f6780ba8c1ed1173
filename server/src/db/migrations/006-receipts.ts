import type { Kysely, Migration } from 'kysely';

/**
 * Receipts (issue 11): the keys that sign them and each record's receipt. Keys are never deleted:
 * a retired key stops signing but stays published, so every receipt it signed still verifies.
 * `private_pkcs8` is null for a key given as a file (RECEIPT_KEY_FILE): only its public half is
 * kept here, to keep publishing it after the file changes. Records stored before this migration
 * have no receipt (the popup says "missing"); signing them now would date a promise made earlier.
 */
export const receiptsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('receipt_keys')
      .addColumn('kid', 'text', (c) => c.primaryKey())
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('private_pkcs8', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .execute();
    await db.schema.alterTable('consent_records').addColumn('receipt', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('consent_records').dropColumn('receipt').execute();
    await db.schema.dropTable('receipt_keys').ifExists().execute();
  },
};
