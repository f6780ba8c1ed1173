import {
  deriveState,
  EXPORT_MIME_TYPES,
  ExportQuerySchema,
  exportChunks,
  RecordsPageQuerySchema,
  type RecordsPageResponse,
  type SubjectStateResponse,
} from '@coreitsm/protocol';
import { Hono } from 'hono';
import { subjectAuth } from '../auth/subject-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { parseQuery } from '../http/parse-input.js';
import { textStream } from '../http/text-stream.js';
import { historyPage } from '../store/history-page.js';
import { latestRecordsPerSite } from '../store/latest-records.js';
import { countRecords, recordPages } from '../store/records-pages.js';

/** The subject's own data: current state, paged history, full export. */
export function meRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>()
    .use('/v1/subjects/me/*', subjectAuth(deps))
    .get('/v1/subjects/me/state', async (c) => {
      const subjectId = c.get('subjectId');
      // Only each site's newest record is read: the state costs the same for 1 record or 20,000.
      const sites = deriveState(await latestRecordsPerSite(deps.db, subjectId));
      return c.json({ subjectId, sites } satisfies SubjectStateResponse);
    })
    .get('/v1/subjects/me/records', async (c) => {
      const query = parseQuery(c, RecordsPageQuerySchema);
      const page = await historyPage(deps.db, c.get('subjectId'), {
        site: query.site,
        cursor: query.cursor,
        limit: query.limit === undefined ? undefined : Number(query.limit),
      });
      return c.json(page satisfies RecordsPageResponse);
    })
    .get('/v1/subjects/me/export', async (c) => {
      const { format } = parseQuery(c, ExportQuerySchema);
      const subjectId = c.get('subjectId');
      // Streamed a page at a time (constant memory; other requests run between pages). If the
      // history shrinks under the export (an erasure), the stream fails rather than send a file
      // that contradicts its own count; records added meanwhile past the count are left out.
      const count = await countRecords(deps.db, subjectId);
      c.header('Content-Type', EXPORT_MIME_TYPES[format]);
      c.header('Content-Disposition', `attachment; filename="consent-records.${format}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(
        textStream(exportChunks(format, count, recordPages(deps.db, subjectId, undefined, count))),
      );
    });
}
