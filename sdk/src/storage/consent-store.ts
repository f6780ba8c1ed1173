import type { AnyConsentRecord, ConsentRecord, Notice } from '@coreitsm/protocol';

/** The subject this browser acts as, and how it talks to the server. */
export interface SubjectInfo {
  subjectId: string;
  /** Bearer token from `POST /v1/subjects`; null while the subject exists only locally. */
  token: string | null;
  /** The server that issued the token (a token is only good there). */
  api: string | null;
}

/** A record the server stored, with its receipt (a compact JWS; none from servers before receipts). */
export interface Delivered {
  id: string;
  receipt?: string | undefined;
}

/**
 * A notice (the texts a person was shown, protocol's notice.ts) waiting to be registered with the
 * server (`POST /v1/notices`) before the first record that names it by `noticeHash` is delivered.
 */
export interface PendingNotice {
  hash: string;
  notice: Notice;
}

/** A receipt as kept: the record's id and the server's compact JWS. */
export interface KeptReceipt {
  id: string;
  receipt: string;
}

/**
 * The SDK's persistence, implemented over IndexedDB and, when that is unavailable, in memory.
 * History is append-only: a record is never changed except to move an undelivered record to the
 * subject id the server issued (see `adoptSubject`).
 */
export interface ConsentStore {
  readonly persistent: boolean;
  /** Every readable record of a site (invalid stored values are skipped). */
  siteHistory(siteId: string): Promise<AnyConsentRecord[]>;
  allHistory(): Promise<AnyConsentRecord[]>;
  /**
   * Appends a record; `deliver` also queues it in the outbox and `notice` (the one the record names)
   * among the notices to register, all in one transaction.
   */
  append(record: AnyConsentRecord, deliver: boolean, notice?: PendingNotice | null): Promise<void>;
  /** The notices not yet registered with the server (the outbox registers them before it delivers). */
  pendingNotices(): Promise<PendingNotice[]>;
  /** The server knows this notice now (or refused it for good): it is no longer pending. */
  noticeRegistered(hash: string): Promise<void>;
  outbox(): Promise<ConsentRecord[]>;
  /**
   * Stored by the server: out of the outbox, each with the server's receipt (when it gave one) kept
   * beside the record, in one transaction. Also for records fetched from the server.
   */
  delivered(results: readonly Delivered[]): Promise<void>;
  /** Every kept receipt that passes `StoredReceiptSchema` (IndexedDB only: the memory store keeps none), by record id (the SDK keeps them, never verifies them). */
  receipts(): Promise<KeptReceipt[]>;
  /**
   * A record the server refused for good: out of the outbox and kept, with the reason, in the
   * `refused` store (one transaction). It stays in history (it was the person's choice) unless a
   * `replacement` takes its place (a re-stamped copy of a record dated ahead of the server's
   * clock): then it leaves history, so it no longer decides the state, and the copy is queued.
   */
  setAside(record: ConsentRecord, reason: string, replacement: ConsentRecord | null): Promise<void>;
  subject(): Promise<SubjectInfo | undefined>;
  /** Stores the subject; undelivered records move from `from` to the new subject id. */
  adoptSubject(subject: SubjectInfo, from: string | null): Promise<void>;
}
