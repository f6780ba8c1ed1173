import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashAuditEntry } from './audit-hash.js';

/** Every kind of write the audit log records. */
export type AuditAction =
  | 'subject.created'
  | 'records.stored'
  | 'revocation.stored'
  | 'rights-request.received'
  | 'rights-request.status'
  | 'subject.erased'
  | 'retention.purged';

export interface PendingAuditEntry {
  action: AuditAction;
  subjectId: string | null;
  data: Record<string, unknown>;
}

export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

/** All writes go to chain 0 today; a partitioned log would pick the chain from the subject (README). */
export const MAIN_CHAIN = 0;

/**
 * Locks the chain head row for the rest of the transaction and returns it. The no-op UPDATE takes
 * a row lock on PostgreSQL (concurrent writers wait here) and the write lock on SQLite.
 */
export async function lockChainHead(trx: Kysely<Database>, chain = MAIN_CHAIN): Promise<ChainHead> {
  const head = await trx
    .updateTable('audit_heads')
    .set({ seq: sql`seq` })
    .where('chain', '=', chain)
    .returning(['chain', 'seq', 'hash'])
    .executeTakeFirst();
  if (!head) throw new Error(`audit chain ${chain} has no head row; run migrations`);
  return { chain: Number(head.chain), seq: Number(head.seq), hash: head.hash };
}

/** Chains `entries` after `head`, inserts them and moves the head, inside the caller's transaction. */
export async function appendAudit(
  trx: Kysely<Database>,
  head: ChainHead,
  entries: readonly PendingAuditEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  let { seq, hash } = head;
  const at = now.toISOString();
  const rows = entries.map((entry) => {
    seq += 1;
    const data = JSON.stringify(entry.data);
    const content = {
      chain: head.chain,
      seq,
      at,
      action: entry.action,
      subjectId: entry.subjectId,
      data,
      prevHash: hash,
    };
    hash = hashAuditEntry(content);
    return {
      chain: head.chain,
      seq,
      at,
      action: entry.action,
      subject_id: entry.subjectId,
      data,
      prev_hash: content.prevHash,
      hash,
    };
  });
  await trx.insertInto('audit_log').values(rows).execute();
  await trx.updateTable('audit_heads').set({ seq, hash }).where('chain', '=', head.chain).execute();
}
