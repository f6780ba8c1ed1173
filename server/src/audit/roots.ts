import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { RECEIPT_ALGORITHM } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import type { SigningKey } from '../receipts/receipt-keys.js';
import { publishedKeys } from '../receipts/receipt-keys.js';
import { GENESIS_HASH } from './audit-hash.js';
import { chainHead } from './audit-log.js';

/**
 * Signed roots over the audit chains (issue 14). Every few seconds (and before each verification)
 * the server reads every chain head and, if any moved since the last root, appends a root: the
 * Merkle root of the heads (RFC 6962 tree hash, below), the hash of the previous root, and an
 * Ed25519 signature by the receipts key over both. A chain can then not be rewritten, cut short or
 * have an entry removed without breaking a signed root that named one of its later heads, and the
 * roots, chained to each other, fix the order between them. Published at GET /v1/audit/roots: it
 * reveals hashes only.
 */

/** One chain's head as a root names it. */
export interface RootHead {
  chain: number;
  seq: number;
  hash: string;
}

/** A root as GET /v1/audit/roots publishes it (docs/contracts.md). */
export interface AuditRoot {
  seq: number;
  createdAt: string;
  heads: RootHead[];
  merkleRoot: string;
  /** `hash` of the previous root; 64 zeros for the first. */
  prev: string;
  /** sha256 of the signed payload (the JWS payload bytes). */
  hash: string;
  /** Compact JWS, EdDSA, `kid` of a key in /.well-known/jwks.json, `typ` ROOT_TYPE. */
  jws: string;
}

export const ROOT_TYPE = 'coreitsm-audit-root+jws';
export const ROOTS_PAGE_MAX = 1000;
const ROOTS_PAGE_DEFAULT = 100;

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The leaf of one head: the UTF-8 bytes of `[chain,seq,"hash"]` (JSON). */
export function headLeaf(head: RootHead): Buffer {
  return Buffer.from(JSON.stringify([head.chain, head.seq, head.hash]), 'utf8');
}

/**
 * RFC 6962 §2.1 Merkle Tree Hash over the heads in chain order: a leaf is sha256(0x00 ‖ leaf
 * bytes), a node sha256(0x01 ‖ left ‖ right), the left subtree the largest power of two smaller
 * than n. Hex.
 */
export function merkleRoot(heads: readonly RootHead[]): string {
  const tree = (leaves: readonly Buffer[]): Buffer => {
    if (leaves.length === 0) return sha256('');
    if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0] as Buffer);
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return sha256(Buffer.from([1]), tree(leaves.slice(0, k)), tree(leaves.slice(k)));
  };
  return tree(heads.map(headLeaf)).toString('hex');
}

/** The signed bytes: canonical JSON, fields in this order. */
export function rootPayload(root: {
  seq: number;
  createdAt: string;
  chains: number;
  merkleRoot: string;
  prev: string;
}): string {
  return JSON.stringify({
    typ: 'coreitsm.audit-root',
    seq: root.seq,
    createdAt: root.createdAt,
    chains: root.chains,
    merkleRoot: root.merkleRoot,
    prev: root.prev,
  });
}

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

function signCompact(payload: string, key: SigningKey): string {
  const header = b64url(JSON.stringify({ alg: RECEIPT_ALGORITHM, kid: key.kid, typ: ROOT_TYPE }));
  const input = `${header}.${b64url(payload)}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), key.privateKey))}`;
}

function headsOf(text: string): RootHead[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return undefined;
    const heads: RootHead[] = [];
    for (const item of value) {
      if (!Array.isArray(item) || item.length !== 3) return undefined;
      const [chain, seq, hash] = item as unknown[];
      if (!Number.isInteger(chain) || !Number.isInteger(seq) || typeof hash !== 'string') return undefined;
      heads.push({ chain: chain as number, seq: seq as number, hash });
    }
    return heads;
  } catch {
    return undefined;
  }
}

/**
 * Appends a root over the current heads, signed with `key`; none when no head moved since the
 * last root (or nothing was ever written). Safe with several processes: a root's seq is its key,
 * so of two made at once one is kept and the other dropped (`on conflict do nothing`) — and a root
 * is only made from heads read after the root it follows, so heads never go back.
 */
export async function createRoot(db: Db, key: SigningKey, now = new Date()): Promise<AuditRoot | undefined> {
  const last = await db
    .selectFrom('audit_roots')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const rows = await db.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
  const heads = rows.map(chainHead);
  const text = JSON.stringify(heads.map((h) => [h.chain, h.seq, h.hash]));
  if (last ? last.heads === text : heads.every((h) => h.seq === 0)) return undefined;
  const seq = last ? Number(last.seq) + 1 : 1;
  const createdAt = now.toISOString();
  const root = merkleRoot(heads);
  const prev = last?.hash ?? GENESIS_HASH;
  const payload = rootPayload({ seq, createdAt, chains: heads.length, merkleRoot: root, prev });
  const hash = sha256(payload).toString('hex');
  const jws = signCompact(payload, key);
  const inserted = await db
    .insertInto('audit_roots')
    .values({
      seq,
      created_at: createdAt,
      heads: text,
      merkle_root: root,
      prev_hash: prev,
      hash,
      payload,
      jws,
    })
    .onConflict((oc) => oc.column('seq').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return undefined;
  return { seq, createdAt, heads, merkleRoot: root, prev, hash, jws };
}

/** Up to `limit` roots after seq `after`, oldest first (the published pages and verification). */
function rootsAfter(db: Db, after: number, limit: number) {
  return db
    .selectFrom('audit_roots')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** GET /v1/audit/roots: oldest first, `limit` at a time after the root `cursor` names. */
export async function listRoots(
  db: Db,
  options: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ roots: AuditRoot[]; nextCursor: string | null }> {
  const limit = Math.min(options.limit ?? ROOTS_PAGE_DEFAULT, ROOTS_PAGE_MAX);
  const rows = await rootsAfter(db, options.cursor === undefined ? 0 : Number(options.cursor), limit + 1);
  const page = rows.slice(0, limit);
  return {
    roots: page.map((row) => ({
      seq: Number(row.seq),
      createdAt: row.created_at,
      heads: headsOf(row.heads) ?? [],
      merkleRoot: row.merkle_root,
      prev: row.prev_hash,
      hash: row.hash,
      jws: row.jws,
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)?.seq) : null,
  };
}

/** Why a root fails verification. */
export type RootProblem =
  /** A root is missing (seq not the one after the previous). */
  | 'sequence'
  /** Its prev is not the previous root's hash. */
  | 'prev'
  /** Its heads are not one per chain, in chain order. */
  | 'heads'
  /** Its merkle root is not the tree hash of its heads. */
  | 'merkle'
  /** Its payload or hash does not say what its columns say. */
  | 'payload'
  /** Its signature does not verify with a published key. */
  | 'signature'
  /** A chain's head went back from the previous root. */
  | 'order'
  /** The chain does not hold the entry the root names (rewritten, cut short, an entry removed). */
  | 'entries';

export interface RootsCheck {
  roots: number;
  bad?: { seq: number; problem: RootProblem };
  /** Per chain, the heads the roots name, seq ascending (each once), with the first root naming it. */
  named: Map<number, { seq: number; hash: string; root: number }[]>;
}

function verifyCompact(jws: string, payload: string, keys: Map<string, KeyObject>): boolean {
  const parts = jws.split('.');
  if (parts.length !== 3) return false;
  const [header, body, signature] = parts as [string, string, string];
  try {
    const protectedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (protectedHeader.alg !== RECEIPT_ALGORITHM || protectedHeader.typ !== ROOT_TYPE) return false;
    const key = typeof protectedHeader.kid === 'string' ? keys.get(protectedHeader.kid) : undefined;
    if (!key) return false;
    if (Buffer.from(body, 'base64url').toString('utf8') !== payload) return false;
    return verify(null, Buffer.from(`${header}.${body}`), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * Checks every root, oldest first: consecutive seqs, each naming the one before, one head per
 * chain, its Merkle root, payload and hash, its signature against the published keys (the JWKS),
 * and no head going back. Returns the heads they name, for the chain walk to check.
 */
export async function checkRoots(db: Db, chains: number): Promise<RootsCheck> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of await publishedKeys(db)) keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
  const named = new Map<number, { seq: number; hash: string; root: number }[]>();
  const latest = new Map<number, number>();
  let prev = GENESIS_HASH;
  let expected = 1;
  let cursor: string | undefined;
  for (;;) {
    const page = await rootsAfter(db, cursor === undefined ? 0 : Number(cursor), ROOTS_PAGE_MAX);
    for (const row of page) {
      const seq = Number(row.seq);
      const fail = (problem: RootProblem): RootsCheck => ({
        roots: expected - 1,
        bad: { seq, problem },
        named,
      });
      if (seq !== expected)
        return { roots: expected - 1, bad: { seq: expected, problem: 'sequence' }, named };
      if (row.prev_hash !== prev) return fail('prev');
      const heads = headsOf(row.heads);
      if (!heads || heads.length !== chains || heads.some((h, i) => h.chain !== i)) return fail('heads');
      if (merkleRoot(heads) !== row.merkle_root) return fail('merkle');
      const payload = rootPayload({
        seq,
        createdAt: row.created_at,
        chains,
        merkleRoot: row.merkle_root,
        prev,
      });
      if (row.payload !== payload || sha256(payload).toString('hex') !== row.hash) return fail('payload');
      if (!verifyCompact(row.jws, payload, keys)) return fail('signature');
      for (const head of heads) {
        const before = latest.get(head.chain) ?? 0;
        if (head.seq < before) return fail('order');
        if (head.seq > before) {
          latest.set(head.chain, head.seq);
          let list = named.get(head.chain);
          if (!list) {
            list = [];
            named.set(head.chain, list);
          }
          list.push({ seq: head.seq, hash: head.hash, root: seq });
        } else if (head.seq > 0) {
          // Same seq as before: it must name the same entry.
          const list = named.get(head.chain);
          if (list?.at(-1)?.hash !== head.hash) return fail('order');
        }
      }
      prev = row.hash;
      expected += 1;
    }
    if (page.length < ROOTS_PAGE_MAX) break;
    cursor = String(page.at(-1)?.seq);
  }
  return { roots: expected - 1, named };
}
