import * as z from 'zod/mini';
import { SiteSnapshotSchema } from './bridge.js';
import { CreateRightsRequestSchema, ExportFormatSchema, RightsRequestViewSchema } from './http.js';
import type { MessageMap } from './messaging.js';
import { HttpUrlSchema, OriginSchema, RecordIdSchema, SiteIdSchema, TimestampSchema } from './primitives.js';
import { AnyConsentRecordSchema } from './record.js';
import { SiteStateSchema } from './state.js';
import { JurisdictionSchema, OptionalPurposeSchema } from './vocabulary.js';

/**
 * The extension's internal messages, by direction (as autoconsent groups them). Content scripts
 * and the popup talk to the background; the background answers. Each entry is a request schema
 * and a response schema; see `createSender`/`createDispatcher` in messaging.ts.
 */

/**
 * A receipt as the extension checked it (contract: "Receipts the person keeps"). `verified`: signed
 * with EdDSA by a key pinned for the site's server, and its payload names exactly this record;
 * `invalid`: it is not (`reason` says how); `missing`: the record has no receipt (not delivered
 * yet, or stored before receipts); `unchecked`: it could not be checked yet (the server's keys were
 * never fetched, or the site names no server).
 */
export const ReceiptStatusSchema = z.enum(['verified', 'invalid', 'missing', 'unchecked']);
export type ReceiptStatus = z.infer<typeof ReceiptStatusSchema>;
export const ReceiptProblemSchema = z.enum([
  'malformed',
  'algorithm',
  'unknown-key',
  'signature',
  'other-record',
  'no-keys',
  'no-server',
]);
export type ReceiptProblem = z.infer<typeof ReceiptProblemSchema>;
export const ReceiptCheckSchema = z.object({
  status: ReceiptStatusSchema,
  reason: z.optional(ReceiptProblemSchema),
  /** The signing key's id, when the receipt names one. */
  kid: z.optional(z.string().check(z.maxLength(128))),
  /** When the server says it stored the record (`rat`), for a verified receipt. */
  storedAt: z.optional(TimestampSchema),
});
export type ReceiptCheck = z.infer<typeof ReceiptCheckSchema>;

const RevokePurposesSchema = z.array(OptionalPurposeSchema).check(z.minLength(1), z.maxLength(5));

/** One managed site as the popup shows it. */
/**
 * Whether Global Privacy Control was honoured on a site, by its newest record (issue 11):
 * `honoured` — made with the signal (`gpc: true`) and granting none of the purposes it covers there
 * (marketing and sale/sharing; marketing alone where consent is opt-in); `not-honoured` — made with
 * the signal yet granting one of them (the person's own later choice on the site, or a site that
 * ignores it); `not-seen` — made without the signal.
 */
export const GPC_AT_SITE = ['honoured', 'not-honoured', 'not-seen'] as const;
export const GpcAtSiteSchema = z.enum(GPC_AT_SITE);
export type GpcAtSite = z.infer<typeof GpcAtSiteSchema>;

export const ManagedSiteViewSchema = z.object({
  siteId: SiteIdSchema,
  /** The name the site announced (`siteName`), null or absent when it gave none: the popup shows the id then. */
  siteName: z.optional(z.nullable(z.string())),
  origin: OriginSchema,
  jurisdiction: JurisdictionSchema,
  policyVersion: z.string(),
  policyUrl: z.nullable(z.string()),
  state: z.nullable(SiteStateSchema),
  /** When the extension last heard the site (or its server) confirm this state. */
  confirmedAt: z.nullable(TimestampSchema),
  /** Purposes revoked in the extension that neither the site nor the server has confirmed yet. */
  pendingRevocations: z.array(OptionalPurposeSchema),
  recordCount: z.number(),
  /** Revocations waiting to reach this site's server (retried with backoff). */
  queuedForServer: z.optional(z.number()),
  /** The last error talking to this site's server, shown until a later attempt succeeds. */
  serverError: z.optional(z.nullable(z.string())),
  /** Whether the extension can reach this site's server (it has its API address and a subject token). */
  hasServer: z.optional(z.boolean()),
  /**
   * A server address the page announced that differs from the pinned one; it is not used until the
   * person confirms it with `sites:confirm-api` (issue 10, finding 9). Absent or null: no change.
   */
  apiChange: z.optional(z.nullable(z.object({ from: z.nullable(z.string()), to: z.string() }))),
  /** Older history the extension no longer keeps for this origin (its storage bound): at least `count` records from `from` to `to`. */
  trimmed: z.optional(z.nullable(z.object({ count: z.number(), from: z.string(), to: z.string() }))),
  /** GPC at this site, by its newest record (see GPC_AT_SITE); absent or null: no record, or not known yet. */
  gpc: z.optional(z.nullable(GpcAtSiteSchema)),
});
export type ManagedSiteView = z.infer<typeof ManagedSiteViewSchema>;

/** Content script → background. The background checks the sender's tab origin against the snapshot. */
export const ContentToBackgroundMessages = {
  /** The SDK on this tab announced its snapshot; the answer lists revocations to re-apply here. */
  'site:announce': {
    request: z.strictObject({ snapshot: SiteSnapshotSchema }),
    response: z.object({ reapply: z.array(OptionalPurposeSchema) }),
  },
  /** The SDK acknowledged a revocation with the record it made. */
  'site:revoked': {
    request: z.strictObject({ siteId: SiteIdSchema, recordId: z.nullable(RecordIdSchema) }),
    response: z.object({}),
  },
} as const satisfies MessageMap;

/** Who asked for an export file: a random id the popup picks (see `records:export-file`). */
export const ExportDeliveryIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

/**
 * Background → the page that asked for `records:export-file`, outside runtime messaging (Chrome:
 * the service worker's `client.postMessage`, so the Blob is passed by reference, not copied as text).
 */
export const ExportFileDeliverySchema = z.strictObject({
  type: z.literal('records:export-file'),
  delivery: ExportDeliveryIdSchema,
  file: z.instanceof(Blob),
});
export type ExportFileDelivery = z.infer<typeof ExportFileDeliverySchema>;

/** Popup / options → background. */
export const PopupToBackgroundMessages = {
  'sites:list': {
    /**
     * `limit` (issue 11, additive): only the list's first `limit` sites (by site id, then origin), with
     * `total` and `sharing` counted over every site, so the popup paints without waiting for the
     * rest; `more` says sites follow (list again without `limit` for them all). Without `limit`, every site.
     * A background that predates it refuses `limit` (bad-request): the popup lists without it then.
     */
    request: z.strictObject({ limit: z.optional(z.number().check(z.int(), z.positive(), z.maximum(200))) }),
    /** `refreshing`: open tabs were asked to re-announce (e.g. a token arrived since); list again shortly. */
    response: z.object({
      sites: z.array(ManagedSiteViewSchema),
      refreshing: z.optional(z.boolean()),
      /** How many sites the extension manages (issue 11, additive). */
      total: z.optional(z.number().check(z.int(), z.nonnegative())),
      /** How many of them may use data for marketing or sell/share it (a pending revocation counts as refused). */
      sharing: z.optional(z.number().check(z.int(), z.nonnegative())),
      /** More sites follow the ones answered (only with `limit`). */
      more: z.optional(z.boolean()),
    }),
  },
  /**
   * `origin` (optional everywhere it appears) narrows a site id to one origin: the extension keys
   * sites by origin, and the same site id may run on two origins (e.g. a demo on two ports).
   */
  'sites:history': {
    /**
     * Paged (issue 11, additive): up to `limit` records, newest first, older than the record
     * `before` when given; `more` says older ones remain. Without `limit`, the whole history.
     */
    request: z.strictObject({
      siteId: SiteIdSchema,
      origin: z.optional(OriginSchema),
      before: z.optional(RecordIdSchema),
      limit: z.optional(z.number().check(z.int(), z.positive(), z.maximum(1000))),
    }),
    response: z.object({
      records: z.array(AnyConsentRecordSchema),
      more: z.optional(z.boolean()),
      /** Each record's receipt as checked offline by the background (issue 11, additive), by record id. */
      receipts: z.optional(z.record(RecordIdSchema, ReceiptCheckSchema)),
      /** Key ids whose key the server now publishes differently from the one pinned (a warning; issue 11). */
      keysChanged: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(100))),
    }),
  },
  /** Revoke purposes on one site, or on every site (`siteId: null`). */
  'sites:revoke': {
    request: z.strictObject({
      siteId: z.nullable(SiteIdSchema),
      purposes: RevokePurposesSchema,
      origin: z.optional(OriginSchema),
    }),
    response: z.object({ sites: z.number(), deliveredToTabs: z.number(), queuedForServer: z.number() }),
  },
  /**
   * Forget a site (options page): its row, history, pending revocations and queued server calls;
   * the next announce from that origin is taken as a first one (a new site id is accepted).
   */
  'sites:forget': {
    request: z.strictObject({ origin: OriginSchema }),
    response: z.object({ forgotten: z.boolean() }),
  },
  /**
   * The kept icons of these origins as data URLs (issue 11, additive): the popup asks for the rows
   * it shows, and draws a monogram for an origin without one. No request leaves the popup for them.
   */
  'sites:icons': {
    request: z.strictObject({ origins: z.array(OriginSchema).check(z.maxLength(200)) }),
    response: z.object({ icons: z.record(z.string(), z.string()) }),
  },
  /** The person accepts the server address the site announced (`api` must be the one shown). */
  'sites:confirm-api': {
    request: z.strictObject({ origin: OriginSchema, api: HttpUrlSchema }),
    response: z.object({ api: HttpUrlSchema }),
  },
  /**
   * An export file, in slices: a large history (100,000 records ≈ 65 MB of JSON) exceeds what one
   * runtime message may carry. The first call builds the file and answers its first slice with
   * `exportId` and `total` (characters); the caller asks for the next slice with `exportId` and
   * `offset` until `offset + body.length === total`. A small file comes whole in the first answer.
   */
  'records:export': {
    request: z.strictObject({
      format: ExportFormatSchema,
      exportId: z.optional(z.string().check(z.maxLength(64))),
      offset: z.optional(z.number().check(z.int(), z.nonnegative())),
      /**
       * Streamed (issue 11, additive): `null` starts an export read page by page in order, any
       * other value is the `next` of the previous answer; each answer carries the next piece of the
       * file, and `next: null` marks the last. Nothing is built whole or kept between calls.
       */
      cursor: z.optional(z.nullable(z.string().check(z.maxLength(1024)))),
    }),
    response: z.object({
      filename: z.string(),
      mimeType: z.string(),
      body: z.string(),
      count: z.number(),
      exportId: z.optional(z.string()),
      total: z.optional(z.number()),
      next: z.optional(z.nullable(z.string())),
    }),
  },
  /**
   * The whole export file as one Blob (issue 11, additive), built by the background a page at a time
   * into Blob parts, so no side holds it as a string and no text crosses runtime messaging. Where the
   * background can post to the page (Chrome's service worker: `client.postMessage`, a Blob is passed
   * by reference), the Blob comes apart as an `ExportFileDelivery` carrying the caller's `delivery`
   * id and the answer has no `file`; where runtime messages are structured clones (Firefox), `file`
   * is in the answer. A background that predates it answers `unknown-type`: ask `records:export` then.
   */
  'records:export-file': {
    request: z.strictObject({ format: ExportFormatSchema, delivery: ExportDeliveryIdSchema }),
    response: z.object({
      filename: z.string(),
      mimeType: z.string(),
      count: z.number().check(z.int(), z.nonnegative()),
      /** The file's size in bytes (what the delivered Blob must measure). */
      size: z.number().check(z.int(), z.nonnegative()),
      file: z.optional(z.instanceof(Blob)),
    }),
  },
  'gpc:get': { request: z.strictObject({}), response: z.object({ enabled: z.boolean() }) },
  'gpc:set': {
    request: z.strictObject({ enabled: z.boolean() }),
    response: z.object({ enabled: z.boolean() }),
  },
  'rights:create': {
    request: z.strictObject({
      siteId: SiteIdSchema,
      request: CreateRightsRequestSchema,
      origin: z.optional(OriginSchema),
    }),
    response: RightsRequestViewSchema,
  },
  'rights:list': {
    request: z.strictObject({}),
    response: z.object({
      requests: z.array(
        z.object({
          siteId: SiteIdSchema,
          request: RightsRequestViewSchema,
          origin: z.optional(OriginSchema),
          /** Why the latest status could not be fetched (the last known one is shown). */
          error: z.optional(z.nullable(z.string())),
        }),
      ),
    }),
  },
  /** `origins`: those added in options; `builtIn`: the match patterns managed out of the box. */
  'managed:list': {
    request: z.strictObject({}),
    response: z.object({ origins: z.array(OriginSchema), builtIn: z.optional(z.array(z.string())) }),
  },
  'managed:add': {
    request: z.strictObject({ origin: OriginSchema }),
    response: z.object({ origins: z.array(OriginSchema) }),
  },
  'managed:remove': {
    request: z.strictObject({ origin: OriginSchema }),
    response: z.object({ origins: z.array(OriginSchema) }),
  },
} as const satisfies MessageMap;

/** Background → content script of a managed tab: apply a revocation on the page now. */
export const BackgroundToContentMessages = {
  'tab:revoke': {
    request: z.strictObject({ purposes: RevokePurposesSchema }),
    response: z.object({ applied: z.boolean(), recordId: z.nullable(RecordIdSchema) }),
  },
  /** Ask the page's SDK to announce again (its snapshot may have changed without a consent change). */
  'tab:hello': { request: z.strictObject({}), response: z.object({}) },
} as const satisfies MessageMap;
