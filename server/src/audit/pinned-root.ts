import * as z from 'zod/mini';
import type { Db } from '../db/schema.js';

/**
 * Key pinning outside the database (issue 14): an operator keeps the root `verify-audit` printed
 * (its line, or just the hash) somewhere the database's operator cannot write. Whoever can write
 * the database can also add a key of their own to `receipt_keys`, then delete the roots and sign
 * a new chain of them over a rewritten log: that verifies. It cannot reproduce a root kept
 * elsewhere, because a root's hash covers its time, its Merkle root and the previous root's hash.
 */

/** The root an operator kept: its hash, and its seq when they kept the whole printed line. */
export interface RootPin {
  seq?: number;
  hash: string;
}

const RootHashSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));
/** `root SEQ HASH`, as the ok line of verify-audit prints it (`…, root 12 3fa9…`). */
const PRINTED_ROOT = /\broot ([1-9]\d{0,15}) ([0-9a-f]{64})\b/g;

/** A pin from `--expect-root`: a bare hash, or text holding a printed root line (the last one counts). */
export function parsePin(text: string): RootPin | undefined {
  const bare = RootHashSchema.safeParse(text.trim());
  if (bare.success) return { hash: bare.data };
  const last = [...text.matchAll(PRINTED_ROOT)].at(-1);
  return last ? { seq: Number(last[1]), hash: last[2] as string } : undefined;
}

/**
 * Why the log's roots do not hold `pin`, or undefined when they do. Call it on a log that verified:
 * its roots then form one signed chain, each naming the one before, so holding the pinned root
 * means every root since extends it.
 */
export async function pinnedRootProblem(db: Db, pin: RootPin): Promise<string | undefined> {
  const short = (hash: string) => hash.slice(0, 16);
  if (pin.seq === undefined) {
    const found = await db
      .selectFrom('audit_roots')
      .select('seq')
      .where('hash', '=', pin.hash)
      .executeTakeFirst();
    return found
      ? undefined
      : `no signed root has the expected hash ${short(pin.hash)}… (rewritten, or another log)`;
  }
  const row = await db.selectFrom('audit_roots').select('hash').where('seq', '=', pin.seq).executeTakeFirst();
  if (!row) return `the log has no root ${pin.seq} any more (its roots were cut short or rewritten)`;
  if (row.hash !== pin.hash)
    return `root ${pin.seq} was rewritten: it is ${short(row.hash)}…, the expected one ${short(pin.hash)}…`;
  return undefined;
}
