import * as z from 'zod/mini';
import { RecordIdSchema, SiteIdSchema, SubjectIdSchema, TimestampSchema } from './primitives.js';
import { ReceiptSchema, ReceiptsByIdSchema } from './receipts.js';
import { ConsentRecordSchema, StoredConsentRecordSchema } from './record.js';
import { SiteStateSchema } from './state.js';
import { JurisdictionSchema, OptionalPurposeSchema } from './vocabulary.js';
import { RIGHTS_REQUEST_KINDS } from './vocabulary-values.js';

/** Bodies and queries of the HTTP API in CONTRACTS.md. The server parses with these; clients build with them. */

/**
 * The contract's error body: `{"error":{"code","message"}}`. An error of `POST /v1/records` caused
 * by one record of the batch also names it in `recordId`, so a client can set that record aside and
 * deliver the rest (older servers leave it out).
 */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), recordId: z.optional(z.string()) }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// POST /v1/subjects
export const CreateSubjectResponseSchema = z.object({ subjectId: SubjectIdSchema, token: z.string() });
export type CreateSubjectResponse = z.infer<typeof CreateSubjectResponseSchema>;

/** 100 records a batch: big enough to drain an outbox in one request, small enough to bound a request's work. */
export const MAX_RECORDS_PER_BATCH = 100;

// POST /v1/records
export const RecordsBatchRequestSchema = z.strictObject({
  records: z.array(ConsentRecordSchema).check(z.minLength(1), z.maxLength(MAX_RECORDS_PER_BATCH)),
});
export type RecordsBatchRequest = z.infer<typeof RecordsBatchRequestSchema>;

// `receipt`: the server's signed acknowledgement of the record (receipts.ts); optional, so answers
// of a server from before receipts still parse.
export const RecordResultSchema = z.object({
  id: RecordIdSchema,
  status: z.enum(['stored', 'duplicate']),
  receipt: z.optional(ReceiptSchema),
});
export const RecordsBatchResponseSchema = z.object({ results: z.array(RecordResultSchema) });
export type RecordsBatchResponse = z.infer<typeof RecordsBatchResponseSchema>;

// GET /v1/subjects/me/state
export const SubjectStateResponseSchema = z.object({
  subjectId: SubjectIdSchema,
  sites: z.record(SiteIdSchema, SiteStateSchema),
});
export type SubjectStateResponse = z.infer<typeof SubjectStateResponseSchema>;

/** A page of history is at most 100 records (the same bound as a batch); 50 when unspecified. */
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;

// GET /v1/subjects/me/records?site=&cursor=&limit=
export const RecordsPageQuerySchema = z.strictObject({
  site: z.optional(SiteIdSchema),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(
    z.string().check(
      z.regex(/^\d{1,3}$/, 'must be a whole number'),
      z.refine(
        (v) => Number(v) >= 1 && Number(v) <= MAX_PAGE_LIMIT,
        `must be between 1 and ${MAX_PAGE_LIMIT}`,
      ),
    ),
  ),
});
export type RecordsPageQuery = z.infer<typeof RecordsPageQuerySchema>;

export const RecordsPageResponseSchema = z.object({
  records: z.array(StoredConsentRecordSchema),
  nextCursor: z.nullable(z.string()),
  // Beside the records, not inside them: a record stays exactly the contract's shape, and clients
  // that predate receipts still parse the page.
  receipts: z.optional(ReceiptsByIdSchema),
});
export type RecordsPageResponse = z.infer<typeof RecordsPageResponseSchema>;

// GET /v1/subjects/me/export?format=
export const EXPORT_FORMATS = ['json', 'csv', 'xml'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export const ExportQuerySchema = z.strictObject({ format: ExportFormatSchema });

// POST /v1/subjects/me/revocations
export const RevocationRequestSchema = z.strictObject({
  siteId: SiteIdSchema,
  purposes: z.array(OptionalPurposeSchema).check(z.minLength(1), z.maxLength(5)),
});
export type RevocationRequest = z.infer<typeof RevocationRequestSchema>;
export const RevocationResponseSchema = z.object({
  record: StoredConsentRecordSchema,
  receipt: z.optional(ReceiptSchema),
});
export type RevocationResponse = z.infer<typeof RevocationResponseSchema>;

// Rights requests

export const RightsRequestKindSchema = z.enum(RIGHTS_REQUEST_KINDS);
export type RightsRequestKind = z.infer<typeof RightsRequestKindSchema>;

export const RIGHTS_REQUEST_STATUSES = [
  'received',
  'verifying',
  'in-progress',
  'completed',
  'rejected',
] as const;
export const RightsRequestStatusSchema = z.enum(RIGHTS_REQUEST_STATUSES);
export type RightsRequestStatus = z.infer<typeof RightsRequestStatusSchema>;

/** Contact (an e-mail or phone) and free-text details are bounded: they are stored and shown to admins. */
export const CreateRightsRequestSchema = z.strictObject({
  kind: RightsRequestKindSchema,
  jurisdiction: JurisdictionSchema,
  siteId: z.optional(SiteIdSchema),
  contact: z.optional(z.string().check(z.minLength(3), z.maxLength(254))),
  details: z.optional(z.string().check(z.maxLength(4000))),
});
export type CreateRightsRequest = z.infer<typeof CreateRightsRequestSchema>;

export const RightsRequestCreatedSchema = z.object({
  id: z.string(),
  status: z.literal('received'),
  dueAt: TimestampSchema,
});
export type RightsRequestCreated = z.infer<typeof RightsRequestCreatedSchema>;

export const RightsRequestStepSchema = z.object({
  status: RightsRequestStatusSchema,
  at: TimestampSchema,
  note: z.optional(z.string()),
});
export type RightsRequestStep = z.infer<typeof RightsRequestStepSchema>;

export const RightsRequestViewSchema = z.object({
  id: z.string(),
  kind: RightsRequestKindSchema,
  status: RightsRequestStatusSchema,
  dueAt: TimestampSchema,
  history: z.array(RightsRequestStepSchema),
});
export type RightsRequestView = z.infer<typeof RightsRequestViewSchema>;

// PATCH /v1/admin/rights-requests/:id
export const UpdateRightsRequestSchema = z.strictObject({
  status: z.enum(['verifying', 'in-progress', 'completed', 'rejected']),
  note: z.optional(z.string().check(z.maxLength(2000))),
});
export type UpdateRightsRequest = z.infer<typeof UpdateRightsRequestSchema>;

// GET /v1/admin/audit/verify
/**
 * A stored row that does not match what the audit log vouches for: `altered` (changed since its
 * entry), `deleted` (the log says it exists, the table lacks it), `unlogged` (no entry wrote it).
 * `id` is the row's id; a rights-request step is `REQUEST_ID/step/N`.
 */
export const AuditBadRecordSchema = z.object({
  table: z.enum(['consent_records', 'rights_requests', 'rights_request_steps']),
  id: z.string(),
  problem: z.enum(['altered', 'deleted', 'unlogged']),
});
export type AuditBadRecord = z.infer<typeof AuditBadRecordSchema>;

export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  firstBadEntry: z.optional(z.number()),
  firstBadRecord: z.optional(AuditBadRecordSchema),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;
