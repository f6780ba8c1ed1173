import type { AnyConsentRecord, ConsentRecord } from '@coreitsm/protocol';

/** The subject this browser acts as, and how it talks to the server. */
export interface SubjectInfo {
  subjectId: string;
  /** Bearer token from `POST /v1/subjects`; null while the subject exists only locally. */
  token: string | null;
  /** The server that issued the token (a token is only good there). */
  api: string | null;
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
  /** Appends a record; `deliver` also queues it in the outbox (one transaction). */
  append(record: AnyConsentRecord, deliver: boolean): Promise<void>;
  outbox(): Promise<ConsentRecord[]>;
  /** Delivered: out of the outbox. */
  delivered(ids: readonly string[]): Promise<void>;
  subject(): Promise<SubjectInfo | undefined>;
  /** Stores the subject; undelivered records move from `from` to the new subject id. */
  adoptSubject(subject: SubjectInfo, from: string | null): Promise<void>;
}
