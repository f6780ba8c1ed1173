import type { AnyConsentRecord } from '@coreitsm/protocol';
import type { SdkConfig } from '../core/types.js';
import type { ServerClock } from '../sync/server-clock.js';
import { readSubject } from './announce.js';

/**
 * From a `GET /v1/subjects/me/state` answer, the id of this site's record in force at the server,
 * read without zod; `undefined` when the answer does not have that shape. Only one conclusion is
 * drawn from it, "the server knows nothing we lack" (its id is one of our checked records), and
 * anything else hands the answer to the runtime, whose zod parse decides. runtime-due.test.ts
 * checks that conclusion against protocol's `SubjectStateResponseSchema`.
 */
export function serverRecordId(body: unknown, siteId: string): string | null | undefined {
  const sites = (body as { sites?: unknown } | null)?.sites;
  if (typeof sites !== 'object' || sites === null || Array.isArray(sites)) return undefined;
  if (!Object.hasOwn(sites, siteId)) return null;
  const id = (sites as Record<string, { recordId?: unknown } | null>)[siteId]?.recordId;
  return typeof id === 'string' ? id : undefined;
}

/** The outbox holds records to deliver. */
function outboxCount(db: IDBDatabase): Promise<number> {
  return new Promise((resolve) => {
    const request = db.transaction('outbox').objectStore('outbox').count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(1); // cannot tell: let the runtime look
  });
}

/**
 * Whether a page with `data-api` needs the runtime on this load: records wait in the outbox, or
 * the server holds a decision for this site that this browser does not (a revocation made on
 * another device or by the extension with no tab open; the runtime then fetches and applies it,
 * zod-parsed). The state pull the runtime would make is made here instead; a server that cannot
 * be reached leaves the local decision standing, as the runtime would. An answer that is not 200
 * (an erased subject, a bad token) goes to the runtime too.
 */
export async function runtimeDue(
  db: IDBDatabase,
  config: SdkConfig,
  records: readonly AnyConsentRecord[],
  clock: ServerClock,
): Promise<boolean> {
  if (!config.api) return false;
  if ((await outboxCount(db)) > 0) return true;
  const subject = await readSubject(db);
  if (!subject?.token || subject.api !== config.api) return false;
  let response: Response;
  try {
    response = await fetch(`${config.api}/v1/subjects/me/state`, {
      headers: { authorization: `Bearer ${subject.token}` },
      credentials: 'omit',
    });
  } catch {
    return false;
  }
  // Its Date header dates the banner's records by the server's clock, as the runtime's would be.
  clock.observe(response.headers.get('date'));
  if (!response.ok) return true;
  const id = serverRecordId(await response.json().catch(() => undefined), config.siteId);
  return id !== null && !records.some((r) => r.id === id);
}
