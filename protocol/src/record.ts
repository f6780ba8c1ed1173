import * as z from 'zod/mini';
import {
  HttpUrlSchema,
  LanguageSchema,
  OriginSchema,
  PolicyVersionSchema,
  RecordIdSchema,
  Sha256HexSchema,
  SiteIdSchema,
  SubjectIdSchema,
  TimestampSchema,
} from './primitives.js';
import {
  ChoiceValueSchema,
  JurisdictionSchema,
  MethodSchema,
  PurposeSchema,
  purposesFor,
} from './vocabulary.js';

/**
 * zod's records pass over an own `__proto__` key (a guard against prototype pollution) instead of
 * refusing it, so `{"necessary":"granted","__proto__":"granted"}` parsed — and dropped the key, while
 * the SDK's critical-path check refused it (found by the flake hunt, seed 1657585433). A key that is
 * no purpose is an error like any other: refuse it here, before the record schema sees the object.
 */
export const ChoicesKeyGuardSchema = z.custom<unknown>(
  (value) => typeof value !== 'object' || value === null || !Object.hasOwn(value, '__proto__'),
  { message: 'must not have a "__proto__" key' },
);
/** The purpose → choice map itself; generated documents (the server's OpenAPI) describe the guard by it. */
export const ChoicesMapSchema = z.partialRecord(PurposeSchema, ChoiceValueSchema);

/** purpose → granted | denied. Which purposes must appear depends on the record's jurisdiction. */
export const ChoicesSchema = z.pipe(ChoicesKeyGuardSchema, ChoicesMapSchema);
export type Choices = z.infer<typeof ChoicesSchema>;

/** The record format version this code writes. Readers reject other versions rather than guess. */
export const RECORD_SCHEMA_VERSION = 1;

const recordShape = {
  id: RecordIdSchema,
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  subjectId: SubjectIdSchema,
  siteId: SiteIdSchema,
  origin: OriginSchema,
  policyVersion: PolicyVersionSchema,
  /** `null` only where the site declares no policy URL (`data-policy-url` is optional). */
  policyUrl: z.nullable(HttpUrlSchema),
  jurisdiction: JurisdictionSchema,
  choices: ChoicesSchema,
  method: MethodSchema,
  gpc: z.boolean(),
  language: LanguageSchema,
  createdAt: TimestampSchema,
  previous: z.nullable(RecordIdSchema),
  /**
   * The SHA-256 of the notice the person was shown (notice.ts); optional: records made before
   * proof of notice, or by a site without one, have none.
   */
  noticeHash: z.optional(Sha256HexSchema),
};

interface RecordCore {
  id: string;
  jurisdiction: z.infer<typeof JurisdictionSchema>;
  choices: Choices;
  previous: string | null;
}

/**
 * Rules that span fields: a record is a full snapshot, so it carries exactly the purposes of its
 * jurisdiction; `necessary` cannot be refused; a record cannot supersede itself.
 */
function checkRecordInvariants(record: RecordCore, ctx: z.core.$RefinementCtx<RecordCore>): void {
  const expected = purposesFor(record.jurisdiction);
  for (const purpose of expected) {
    if (record.choices[purpose] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices', purpose],
        message: `is required in jurisdiction "${record.jurisdiction}"`,
        input: record.choices,
      });
    }
  }
  for (const purpose of Object.keys(record.choices)) {
    if (!(expected as readonly string[]).includes(purpose)) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices', purpose],
        message: `does not apply in jurisdiction "${record.jurisdiction}"`,
        input: record.choices,
      });
    }
  }
  if (record.choices.necessary === 'denied') {
    ctx.addIssue({
      code: 'custom',
      path: ['choices', 'necessary'],
      message: 'must be "granted"',
      input: record.choices,
    });
  }
  if (record.previous === record.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['previous'],
      message: 'must not be the record itself',
      input: record.previous,
    });
  }
}

/**
 * One consent decision: an immutable, full snapshot of a subject's choices on one site.
 * Unknown fields are rejected (data minimization: nothing like an IP address may ride along).
 *
 * @example
 * const result = ConsentRecordSchema.safeParse(JSON.parse(body));
 * if (!result.success) throw new Error(formatIssues(result.error));
 */
export const ConsentRecordSchema = z.strictObject(recordShape).check(z.superRefine(checkRecordInvariants));
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

/** A record as the server stores and returns it: the client's record plus the server's clock. */
export const StoredConsentRecordSchema = z
  .strictObject({ ...recordShape, receivedAt: TimestampSchema })
  .check(z.superRefine(checkRecordInvariants));
export type StoredConsentRecord = z.infer<typeof StoredConsentRecordSchema>;

/** A record as any part may hold it: not yet sent (no `receivedAt`) or stored by the server. */
export const AnyConsentRecordSchema = z
  .strictObject({ ...recordShape, receivedAt: z.optional(TimestampSchema) })
  .check(z.superRefine(checkRecordInvariants));
export type AnyConsentRecord = z.infer<typeof AnyConsentRecordSchema>;

/** The fields of a record in contract order (exporters and canonical hashing use it). */
export const RECORD_FIELDS = [
  ...Object.keys(recordShape),
  'receivedAt',
] as readonly (keyof StoredConsentRecord)[];
