import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { type ExportFormat, exportChunks } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';
import { countRecords, recordPages } from '../store/records-pages.js';

/**
 * `coreconsent-server export`: one subject's whole history in the format of
 * `GET /v1/subjects/me/export`, for the operator who answers an access or portability request
 * (the person may have lost the browser that held their token). Streamed a page at a time with
 * backpressure, so memory stays flat however long the history (issue 10, finding 1). A file is
 * created readable by its owner only (it holds personal data) and removed again if the export
 * fails half-way, so a partial file is never mistaken for the whole history.
 * Resolves to the exit code; the one-line reason of a failure goes to stderr.
 */
export async function exportSubject(
  db: Db,
  options: { subject: string; format: ExportFormat; out?: string },
): Promise<number> {
  const subject = await db
    .selectFrom('subjects')
    .select(['id', 'erased_at'])
    .where('id', '=', options.subject)
    .executeTakeFirst();
  if (!subject) {
    console.error(`no subject ${options.subject} in this database`);
    return 1;
  }
  if (subject.erased_at) {
    console.error(`subject ${options.subject} was erased on ${subject.erased_at}: nothing to export`);
    return 1;
  }
  const count = await countRecords(db, subject.id);
  const out: Writable = options.out
    ? createWriteStream(options.out, { mode: 0o600, flags: 'wx' })
    : process.stdout;
  try {
    if (options.out) await once(out, 'open');
    for await (const text of exportChunks(
      options.format,
      count,
      recordPages(db, subject.id, undefined, count),
    )) {
      if (!out.write(text)) await once(out, 'drain');
    }
    if (options.out) {
      out.end();
      await once(out, 'finish');
      console.error(`exported ${count} records of ${subject.id} to ${options.out}`);
    }
    return 0;
  } catch (error) {
    if (options.out) {
      out.destroy();
      // 'wx' refused an existing file: that file is not ours to remove.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(options.out, { force: true });
    }
    console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
