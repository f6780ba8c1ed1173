import { isHttpUrl, SUBJECT_ID } from '@coreitsm/protocol';

/**
 * `SubjectInfoSchema` (storage/stored-values.ts) without zod, for the script tag and the banner's
 * write. check-subject.test.ts holds the two together.
 */
export function isSubjectInfo(
  value: unknown,
): value is { subjectId: string; token: string | null; api: string | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const token = v.token;
  return (
    typeof v.subjectId === 'string' &&
    SUBJECT_ID.test(v.subjectId) &&
    (token === null || (typeof token === 'string' && token.length >= 1 && token.length <= 256)) &&
    (v.api === null || (typeof v.api === 'string' && isHttpUrl(v.api)))
  );
}
