import {
  AnyConsentRecordSchema,
  GpcAtSiteSchema,
  HttpUrlSchema,
  JurisdictionSchema,
  OptionalPurposeSchema,
  OriginSchema,
  PolicyVersionSchema,
  ReceiptJwkSchema,
  ReceiptSchema,
  RecordIdSchema,
  RightsRequestViewSchema,
  SiteIdSchema,
  SiteNameSchema,
  SiteStateSchema,
  SubjectIdSchema,
  TimestampSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';

/**
 * What the extension keeps in its own IndexedDB. Private to the extension (no other part reads
 * this database), so the schemas live here; every read is parsed, because a database written by
 * an older build, or edited by hand in devtools, is input like any other.
 */
export const STORE_SCHEMA_VERSION = 1;

const TokenSchema = z.string().check(z.minLength(1), z.maxLength(256));

/** A revocation made in the extension: when, and whether the site's server has stored it. */
export const PendingRevocationSchema = z.object({ revokedAt: TimestampSchema, server: z.boolean() });
export type PendingRevocation = z.infer<typeof PendingRevocationSchema>;

/**
 * A server address the page announced that differs from the one pinned at the site's first
 * announce, with the credentials it came with. Kept aside, never used, until the person confirms it
 * in the popup: a script on the page could otherwise redirect revocations, rights requests and the
 * subject's token to a host of its choosing (issue 10, finding 9).
 */
export const ApiChangeSchema = z.object({
  api: HttpUrlSchema,
  subjectId: z.nullable(SubjectIdSchema),
  token: z.nullable(TokenSchema),
  seenAt: TimestampSchema,
});
export type ApiChange = z.infer<typeof ApiChangeSchema>;

/** What was dropped of an origin's history to keep it bounded (see storage-limits.ts). */
export const TrimmedHistorySchema = z.object({
  count: z.number().check(z.int(), z.nonnegative()),
  from: TimestampSchema,
  to: TimestampSchema,
});
export type TrimmedHistory = z.infer<typeof TrimmedHistorySchema>;

/** One managed site, keyed by its origin (an origin hosts one CoreITsm site). */
export const StoredSiteSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  origin: OriginSchema,
  siteId: SiteIdSchema,
  /** The name the site last announced (optional: older rows and older SDKs have none). */
  siteName: z.optional(z.nullable(SiteNameSchema)),
  policyVersion: PolicyVersionSchema,
  policyUrl: z.nullable(HttpUrlSchema),
  jurisdiction: JurisdictionSchema,
  /** The server pinned at the first announce that named one; changed only by the person (see ApiChangeSchema). */
  api: z.nullable(HttpUrlSchema),
  subjectId: z.nullable(SubjectIdSchema),
  token: z.nullable(TokenSchema),
  /** Optional: rows written before pinning have none. */
  apiChange: z.optional(z.nullable(ApiChangeSchema)),
  state: z.nullable(SiteStateSchema),
  /** When the site (or its server) last confirmed `state`. */
  confirmedAt: z.nullable(TimestampSchema),
  pending: z.partialRecord(OptionalPurposeSchema, PendingRevocationSchema),
  /** The older records dropped to keep this origin's history bounded (optional: older rows have none). */
  trimmed: z.optional(z.nullable(TrimmedHistorySchema)),
});
export type StoredSite = z.infer<typeof StoredSiteSchema>;

export const StoredRecordSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  origin: OriginSchema,
  record: AnyConsentRecordSchema,
  /** Sort keys for the recency indexes (record-order.ts); database version 2 writes and migrates them. */
  at: z.optional(z.number()),
  rank: z.optional(z.number().check(z.int())),
  /**
   * The server's receipt for the record, as the site handed it over (issue 11; optional: older rows
   * and records never delivered have none). Kept as first given: checked on every read, never believed.
   */
  receipt: z.optional(ReceiptSchema),
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;

/**
 * What the popup lists per site without reading its history (database version 2): kept current
 * by the store in the same transaction as every write to the origin's records.
 */
export const StoredSummarySchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  origin: OriginSchema,
  recordCount: z.number().check(z.int(), z.nonnegative()),
  /** The newest stored record's time, or null when the origin has none. */
  lastRecordAt: z.nullable(TimestampSchema),
  /** GPC at the site by the newest stored record (issue 11; optional: summaries written before have none). */
  gpc: z.optional(z.nullable(GpcAtSiteSchema)),
});
export type StoredSummary = z.infer<typeof StoredSummarySchema>;

/** Icons are small: a data URL of at most 32 kB of image (base64 grows it by a third). */
export const MAX_ICON_BYTES = 32 * 1024;
/**
 * A site's icon (database version 4, issue 11): the image the background fetched from the site's
 * own origin while the person was on it (never from the popup), kept as a data URL so the popup
 * shows it without any request. The type is the one its bytes show, not the one the server named.
 */
export const StoredIconSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  origin: OriginSchema,
  dataUrl: z
    .string()
    .check(
      z.maxLength(Math.ceil((MAX_ICON_BYTES * 4) / 3) + 64),
      z.regex(/^data:image\/(?:png|gif|jpeg|webp|x-icon|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/),
    ),
  /** Where it came from (a URL on the site's origin), and when: fetched again at most once a day. */
  from: HttpUrlSchema,
  fetchedAt: TimestampSchema,
});
export type StoredIcon = z.infer<typeof StoredIconSchema>;

/** A key the server now publishes under a pinned kid with a different value: shown, never used. */
export const KeyChangeSchema = z.object({
  kid: z.string().check(z.minLength(1), z.maxLength(128)),
  x: z.string().check(z.maxLength(64)),
  seenAt: TimestampSchema,
});
export type KeyChange = z.infer<typeof KeyChangeSchema>;

/**
 * One server's receipt keys, pinned at first use (issue 11): fetched from its
 * `/.well-known/jwks.json`, kept, and used for every later check offline. A later key set may add
 * keys (rotation keeps old ones published); a different key under a pinned kid is kept aside as a
 * warning and never replaces the pinned one.
 */
export const StoredKeySetSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  api: HttpUrlSchema,
  keys: z.array(ReceiptJwkSchema).check(z.maxLength(100)),
  pinnedAt: TimestampSchema,
  /** The last time the key set was fetched (a receipt under an unknown kid fetches again, at most this often). */
  fetchedAt: TimestampSchema,
  changed: z.array(KeyChangeSchema).check(z.maxLength(100)),
});
export type StoredKeySet = z.infer<typeof StoredKeySetSchema>;

/** A revocation on its way to a site's server (the persistent queue: MV3 workers die at any time). */
export const OutboxItemSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  origin: OriginSchema,
  siteId: SiteIdSchema,
  api: HttpUrlSchema,
  token: TokenSchema,
  purposes: z.array(OptionalPurposeSchema).check(z.minLength(1), z.maxLength(5)),
  /**
   * The record an open tab made for this revocation: sent as is with `POST /v1/records` (same id,
   * idempotent with the tab's own outbox), so the server holds one record per decision (issue 10,
   * finding 13). Absent or null: no tab applied it, and the server mints one from `purposes`.
   */
  recordId: z.optional(z.nullable(RecordIdSchema)),
  createdAt: TimestampSchema,
  attempts: z.number().check(z.int(), z.nonnegative()),
  /** Epoch ms of the next attempt; `null` = failed for good until the site gives a fresh token. */
  nextAttemptAt: z.nullable(z.number()),
  lastError: z.nullable(z.string().check(z.maxLength(500))),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** A privacy-rights request filed through the extension, with the last status the server gave. */
export const StoredRightsRequestSchema = z.object({
  schemaVersion: z.literal(STORE_SCHEMA_VERSION),
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  origin: OriginSchema,
  siteId: SiteIdSchema,
  api: HttpUrlSchema,
  token: TokenSchema,
  request: RightsRequestViewSchema,
  error: z.nullable(z.string().check(z.maxLength(500))),
});
export type StoredRightsRequest = z.infer<typeof StoredRightsRequestSchema>;

/** Settings, one schema per key. */
export const SettingSchemas = {
  gpc: z.boolean(),
  managedOrigins: z.array(OriginSchema).check(z.maxLength(500)),
} as const;
export type Settings = { [K in keyof typeof SettingSchemas]: z.infer<(typeof SettingSchemas)[K]> };
export const SETTING_DEFAULTS: Settings = { gpc: false, managedOrigins: [] };
