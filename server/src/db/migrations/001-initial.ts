import { type Kysely, type Migration, sql } from 'kysely';
import { GENESIS_HASH } from '../../audit/audit-hash.js';

/** The first schema. Only portable types (text, integer), so one migration serves both dialects. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('subjects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('erased_at', 'text')
      .execute();

    await db.schema
      .createTable('consent_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('gpc', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    // History pages: a subject's records newest first, optionally of one site.
    await db.schema
      .createIndex('consent_records_subject_created')
      .on('consent_records')
      .columns(['subject_id', 'created_at', 'id'])
      .execute();
    // Admin stats and retention scan by date.
    await db.schema
      .createIndex('consent_records_created')
      .on('consent_records')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('rights_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text')
      .addColumn('contact', 'text')
      .addColumn('details', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rights_requests_status_due')
      .on('rights_requests')
      .columns(['status', 'due_at'])
      .execute();

    await db.schema
      .createTable('rights_request_steps')
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('step', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('rights_request_steps_pk', ['request_id', 'step'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('chain', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pk', ['chain', 'seq'])
      .execute();

    await db.schema
      .createTable('audit_heads')
      .addColumn('chain', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_heads (chain, seq, hash) values (0, 0, ${GENESIS_HASH})`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'audit_heads',
      'audit_log',
      'rights_request_steps',
      'rights_requests',
      'consent_records',
      'subjects',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
