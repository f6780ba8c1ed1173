import {
  deriveState,
  ExportQuerySchema,
  exportRecords,
  RecordsPageQuerySchema,
  type RecordsPageResponse,
  type SubjectStateResponse,
} from '@coreitsm/protocol';
import { Hono } from 'hono';
import { subjectAuth } from '../auth/subject-auth.js';
import type { AppEnv, RouteDeps } from '../http/app-env.js';
import { parseQuery } from '../http/parse-input.js';
import { historyPage } from '../store/history-page.js';
import { allRecords } from '../store/records-store.js';

/** The subject's own data: current state, paged history, full export. */
export function meRoutes(deps: RouteDeps) {
  return new Hono<AppEnv>()
    .use('/v1/subjects/me/*', subjectAuth(deps))
    .get('/v1/subjects/me/state', async (c) => {
      const subjectId = c.get('subjectId');
      const sites = deriveState(await allRecords(deps.db, subjectId));
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
      const file = exportRecords(await allRecords(deps.db, c.get('subjectId')), format);
      c.header('Content-Type', file.mimeType);
      c.header('Content-Disposition', `attachment; filename="consent-records.${file.extension}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(file.body);
    });
}
