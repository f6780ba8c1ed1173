import {
  AnyConsentRecordSchema,
  ConsentRecordSchema,
  HttpUrlSchema,
  NoticeHashSchema,
  NoticeSchema,
  ReceiptSchema,
  SubjectIdSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';

/** Stored values are read back through these: storage is shared with any script of the origin. */
export const StoredRecordSchema = AnyConsentRecordSchema;
export const OutboxEntrySchema = ConsentRecordSchema;
/** A kept receipt, beside the record `id` names (the SDK keeps receipts; the extension verifies them). */
export const StoredReceiptSchema = z.object({ id: z.string(), receipt: ReceiptSchema });
/** A notice waiting to be registered (its hash is checked again by the server, which computes its own). */
export const PendingNoticeSchema = z.object({ hash: NoticeHashSchema, notice: NoticeSchema });
export const SubjectInfoSchema = z.object({
  subjectId: SubjectIdSchema,
  token: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
  api: z.nullable(HttpUrlSchema),
});

/** Parses each value; the invalid ones are dropped and counted (the caller warns once). */
export function parseAll<T>(schema: z.ZodMiniType<T>, values: unknown[], onInvalid: () => void): T[] {
  const out: T[] = [];
  for (const value of values) {
    const result = schema.safeParse(value);
    if (result.success) out.push(result.data);
    else onInvalid();
  }
  return out;
}
