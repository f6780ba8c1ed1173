import type { SiteSnapshot } from '@coreitsm/protocol';
import type { ApiChange, StoredSite } from '../store/schemas.js';

/** What an announce may change about how the extension reaches a site's server. */
export interface PinnedServer {
  api: string | null;
  subjectId: string | null;
  token: string | null;
  apiChange: ApiChange | null;
}

/**
 * Pins a site's `api` at the first announce that names one (issue 10, finding 9). A later announce
 * naming another address is kept aside as `apiChange`, with the token it came with, and used only
 * after the person confirms it in the popup; until then the pinned address, subject and token stay
 * — so the token is never sent to a host the person did not accept. An announce naming the pinned
 * address again drops a pending change. An offline page (no token) of the same subject keeps the
 * token already held.
 */
export function pinServer(known: StoredSite | undefined, snapshot: SiteSnapshot, now: Date): PinnedServer {
  const pinned = known?.api ?? null;
  if (pinned !== null && snapshot.api !== null && snapshot.api !== pinned) {
    const previous = known?.apiChange;
    const sameChange = previous?.api === snapshot.api;
    return {
      api: pinned,
      subjectId: known?.subjectId ?? null,
      token: known?.token ?? null,
      apiChange: {
        api: snapshot.api,
        subjectId: snapshot.subjectId,
        token: snapshot.token ?? (sameChange ? (previous?.token ?? null) : null),
        seenAt: sameChange && previous ? previous.seenAt : now.toISOString(),
      },
    };
  }
  // A page that announces no server (offline for now) does not unpin the one it had.
  const api = snapshot.api ?? pinned;
  const sameSubject = known?.subjectId === snapshot.subjectId;
  const token = snapshot.token ?? (sameSubject ? (known?.token ?? null) : null);
  return { api, subjectId: snapshot.subjectId, token, apiChange: null };
}
