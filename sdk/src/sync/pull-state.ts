import type { AnyConsentRecord } from '@coreitsm/protocol';
import type { ConsentStore } from '../storage/consent-store.js';
import type { ApiClient } from './api-client.js';

/** 10 pages × 100 records: far beyond a real history, and a bound on a misbehaving server. */
const MAX_PAGES = 10;

/**
 * Pulls the subject's server state for this site; when the server knows a newer record we do
 * not (a revocation from the extension, another device), fetches the site's records newest-first
 * until a known one and appends the unknown ones to local history (already delivered: no outbox).
 * Returns the imported records.
 */
export async function pullServerRecords(
  store: ConsentStore,
  api: ApiClient,
  token: string,
  siteId: string,
): Promise<AnyConsentRecord[]> {
  const state = await api.state(token);
  const site = state.sites[siteId];
  if (!site) return [];
  const known = new Set((await store.siteHistory(siteId)).map((r) => r.id));
  if (known.has(site.recordId)) return [];
  const imported: AnyConsentRecord[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { records, nextCursor } = await api.records(token, siteId, cursor);
    let reachedKnown = false;
    for (const record of records) {
      if (known.has(record.id)) {
        reachedKnown = true;
        continue;
      }
      if (record.siteId !== siteId) continue;
      await store.append(record, false);
      known.add(record.id);
      imported.push(record);
    }
    if (reachedKnown || !nextCursor) break;
    cursor = nextCursor;
  }
  return imported;
}
