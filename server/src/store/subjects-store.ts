import { issueSubject, parseToken, secretMatches } from '../auth/tokens.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { Db } from '../db/schema.js';
import type { WriteRunner } from '../db/write-transaction.js';
import { HttpError } from '../http/errors.js';

/** Creates a pseudonymous subject; the token is returned once and only its hash is kept. */
export async function createSubject(write: WriteRunner): Promise<{ subjectId: string; token: string }> {
  const issued = issueSubject();
  await write(
    async ({ trx, now, audit }) => {
      await trx
        .insertInto('subjects')
        .values({
          id: issued.subjectId,
          token_hash: issued.tokenHash,
          created_at: now.toISOString(),
          erased_at: null,
        })
        .execute();
      audit('subject.created', issued.subjectId, {});
    },
    [issued.subjectId],
  );
  return { subjectId: issued.subjectId, token: issued.token };
}

const subjectCredentials = preparedQuery((db, p) =>
  db.selectFrom('subjects').select(['token_hash', 'erased_at']).where('id', '=', p('id')),
);

/**
 * The subject a bearer token belongs to. Unknown subject, wrong secret and malformed token all
 * give the same 401 (no oracle for which part was wrong); an erased subject gives 410.
 */
export async function authenticateSubject(db: Db, token: string): Promise<string> {
  const parsed = parseToken(token);
  if (!parsed) throw new HttpError('unauthorized', 'the bearer token is not valid');
  const [row] = (await subjectCredentials.run(db, { id: parsed.subjectId })).rows;
  checkSubjectCredentials(row, parsed.secret);
  return parsed.subjectId;
}

/**
 * The check of authenticateSubject on a subjects row already read (`undefined`: no such subject):
 * 410 for an erased subject, 401 for an unknown one or a wrong secret. Ingest reads the row in its
 * write transaction's first read, which saves a round trip (routes/records.ts).
 */
export function checkSubjectCredentials(
  row: { token_hash: string | null; erased_at: string | null } | undefined,
  secret: string,
): void {
  if (row?.erased_at) throw new HttpError('subject_erased', 'this subject was erased');
  // Compare even when the subject is unknown, so timing does not tell whether an id exists.
  const stored = row?.token_hash ?? '0'.repeat(64);
  if (!secretMatches(secret, stored) || !row) {
    throw new HttpError('unauthorized', 'the bearer token is not valid');
  }
}
