import type { AuditVerifyResponse } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.js';
import { MAIN_CHAIN } from './audit-log.js';
import { ExpectedRows } from './expected-rows.js';
import { verifyContent } from './verify-content.js';

const PAGE = 1000;

/**
 * Walks the chain in `seq` order and checks, for each entry, that its seq follows the previous one,
 * that it names the previous entry's hash, and that its own hash matches its content; finally that
 * the head row points at the last entry (so deleting the newest entries is caught too).
 * `firstBadEntry` is the seq of the first entry that fails (or the seq where a missing one should be).
 * With the chain intact, every record, rights request and step in the tables is checked against
 * the hashes the entries carry (`firstBadRecord`, see verify-content.ts).
 */
export async function verifyAudit(db: Db, chain = MAIN_CHAIN): Promise<AuditVerifyResponse> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let after = 0;
  const expected = new ExpectedRows();
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      entries += 1;
      if (seq !== expectedSeq) return { ok: false, entries, firstBadEntry: expectedSeq };
      const hash = hashAuditEntry({
        chain,
        seq,
        at: row.at,
        action: row.action,
        subjectId: row.subject_id,
        data: row.data,
        prevHash: row.prev_hash,
      });
      if (row.prev_hash !== prevHash || hash !== row.hash) return { ok: false, entries, firstBadEntry: seq };
      expected.apply(row);
      prevHash = row.hash;
      expectedSeq += 1;
      after = seq;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom('audit_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
  if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
    // Entries after the last one present were removed (or the head was edited).
    return { ok: false, entries, firstBadEntry: expectedSeq };
  }
  // The chain is intact, so what its entries vouch for is what was written: compare the tables.
  const firstBadRecord = await verifyContent(db, expected);
  return firstBadRecord ? { ok: false, entries, firstBadRecord } : { ok: true, entries };
}
