import { type Kysely, type Migration, sql } from 'kysely';
import { GENESIS_HASH } from '../../audit/audit-hash.js';
import { DEFAULT_AUDIT_CHAINS, MAX_AUDIT_CHAINS } from '../../audit/chains.js';

/**
 * Partitioned audit chains and signed roots (issue 14). The single chain so far stays as it is,
 * as chain 0 (its entries, hashes and head are untouched, so it keeps verifying); chains
 * 1..count-1 start empty at the genesis hash. From here on a subject's entries go to
 * chain(subject) (audit/chains.ts) and entries without a subject to chain 0. Since chain 0 holds
 * the whole earlier history, verification replays it first, then the others.
 *
 * `audit_roots` holds the signed roots over all chain heads (audit/roots.ts): `heads` is the JSON
 * array `[[chain, seq, hash], …]` in chain order; `payload` the exact signed bytes; `jws` the
 * compact JWS over them.
 */
export function auditChainsMigration(count = DEFAULT_AUDIT_CHAINS): Migration {
  if (!Number.isInteger(count) || count < 1 || count > MAX_AUDIT_CHAINS)
    throw new Error(`the audit chain count must be 1–${MAX_AUDIT_CHAINS}, got ${count}`);
  return {
    async up(db: Kysely<unknown>) {
      for (let chain = 1; chain < count; chain++) {
        await sql`insert into audit_heads (chain, seq, hash) values (${chain}, 0, ${GENESIS_HASH})`.execute(
          db,
        );
      }
      await db.schema
        .createTable('audit_roots')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('heads', 'text', (c) => c.notNull())
        .addColumn('merkle_root', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('jws', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('audit_roots').ifExists().execute();
      await sql`delete from audit_heads where chain > 0`.execute(db);
    },
  };
}
