import { createHash } from 'node:crypto';

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything but the hash itself, in a fixed order. */
export interface AuditEntryContent {
  chain: number;
  seq: number;
  at: string;
  action: string;
  subjectId: string | null;
  data: string;
  prevHash: string;
}

/**
 * sha256 over the previous hash and the entry's fields, as a JSON array (fixed order, unambiguous
 * separators). Covering `seq` makes a reordered row fail; covering `prevHash` makes a deleted one fail.
 */
export function hashAuditEntry(entry: AuditEntryContent): string {
  const canonical = JSON.stringify([
    entry.prevHash,
    entry.chain,
    entry.seq,
    entry.at,
    entry.action,
    entry.subjectId,
    entry.data,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
