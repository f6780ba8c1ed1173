import type { Kysely } from 'kysely';

/**
 * The tables, as Kysely sees them. Timestamps are ISO 8601 UTC text (`toISOString()` form, so
 * they sort as strings) and booleans are 0/1 integers: one representation on SQLite and PostgreSQL.
 */
export interface SubjectsTable {
  id: string;
  /** sha256 of the token's secret part; null once the subject is erased (the token stops working). */
  token_hash: string | null;
  created_at: string;
  /** Set when the subject was erased: the row stays as a tombstone so a late sync cannot bring it back. */
  erased_at: string | null;
}

export interface RecordsTable {
  id: string;
  subject_id: string;
  site_id: string;
  /** The record's createdAt, normalized to `toISOString()` so history pages sort correctly. */
  created_at: string;
  received_at: string;
  jurisdiction: string;
  method: string;
  gpc: number;
  /** The record exactly as accepted, in canonical JSON (what duplicate detection compares). */
  body: string;
  /** The server's signed receipt for the record (migration 006); null for records stored before it. */
  receipt: string | null;
  /** The body's `noticeHash` (migration 007), or null: what the admin's notice counts group by. */
  notice_hash: string | null;
}

export interface RightsRequestsTable {
  id: string;
  subject_id: string;
  kind: string;
  jurisdiction: string;
  site_id: string | null;
  contact: string | null;
  details: string | null;
  status: string;
  received_at: string;
  due_at: string;
  updated_at: string;
  /** Salt of the audit log's commitment to `contact` and `details`; erased with them (migration 003). */
  personal_salt: string | null;
}

export interface RightsRequestStepsTable {
  request_id: string;
  step: number;
  status: string;
  at: string;
  note: string | null;
  /** Salt of the audit log's commitment to `note`; erased with it (migration 003). */
  note_salt: string | null;
}

/** One audit entry. `(chain, seq)` is the key: chain 0 today, one chain per partition later (see README). */
export interface AuditLogTable {
  chain: number;
  seq: number;
  at: string;
  action: string;
  subject_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** The head of each chain: the row every writer locks first, so two writers can never fork a chain. */
export interface AuditHeadsTable {
  chain: number;
  seq: number;
  hash: string;
}

/** A signed root over every chain head (migration 008, audit/roots.ts). */
export interface AuditRootsTable {
  seq: number;
  created_at: string;
  /** JSON `[[chain, seq, hash], …]`, every chain in chain order. */
  heads: string;
  merkle_root: string;
  /** `hash` of the root before (64 zeros for the first). */
  prev_hash: string;
  /** sha256 of `payload`. */
  hash: string;
  /** The signed bytes (canonical JSON, see roots.ts). */
  payload: string;
  /** Compact JWS (EdDSA, the receipts key's kid) over `payload`. */
  jws: string;
}

/** Records per subject and site, kept current on every write (migration 004): what the history limits read. */
export interface SubjectSiteCountsTable {
  subject_id: string;
  site_id: string;
  records: number;
}

/** A key that signs receipts (migration 006); never deleted, so what it signed keeps verifying. */
export interface ReceiptKeysTable {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  public_jwk: string;
  /** PKCS#8 PEM; null for a key given as a file (only its public half is kept). */
  private_pkcs8: string | null;
  created_at: string;
  /** Set when a newer key took over signing; the key stays published. */
  retired_at: string | null;
}

/** A notice a person was shown (migration 007), by the SHA-256 of its canonical JSON. */
export interface NoticesTable {
  hash: string;
  site_id: string;
  /** The notice's canonical JSON: the exact bytes its hash covers. */
  body: string;
  created_at: string;
}

export interface Database {
  subjects: SubjectsTable;
  consent_records: RecordsTable;
  rights_requests: RightsRequestsTable;
  rights_request_steps: RightsRequestStepsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  audit_roots: AuditRootsTable;
  subject_site_counts: SubjectSiteCountsTable;
  receipt_keys: ReceiptKeysTable;
  notices: NoticesTable;
}

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';
