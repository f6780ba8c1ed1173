import {
  CreateSubjectResponseSchema,
  formatIssues,
  type OptionalPurpose,
  RecordsPageResponseSchema,
  RevocationResponseSchema,
  type RightsRequestView,
  RightsRequestViewSchema,
  type StoredConsentRecord,
  type SubjectStateResponse,
  SubjectStateResponseSchema,
} from '@coreitsm/protocol';
import type * as z from 'zod/mini';

/** Calls to the consent server's HTTP API as the contract describes it; every answer is parsed with the protocol schemas. */
export interface ServerApi {
  createSubject(): Promise<{ subjectId: string; token: string }>;
  /** The subject's whole history (all pages), newest first; `site` filters. */
  records(token: string, site?: string): Promise<StoredConsentRecord[]>;
  state(token: string): Promise<SubjectStateResponse>;
  revoke(token: string, siteId: string, purposes: OptionalPurpose[]): Promise<StoredConsentRecord>;
  /** `GET /v1/rights-requests/:id` as the subject. */
  rightsRequest(token: string, id: string): Promise<RightsRequestView>;
  /** GET with the admin token; answers the parsed JSON body. */
  admin(path: string): Promise<unknown>;
  healthy(): Promise<boolean>;
}

async function call<T>(url: string, init: RequestInit, schema: z.ZodMiniType<T> | null): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}: ${text}`);
  const body: unknown = JSON.parse(text);
  if (!schema) return body as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${url}: unexpected answer: ${formatIssues(parsed.error)}\n${text}`);
  return parsed.data;
}

export function serverApi(baseUrl: string, adminToken: string): ServerApi {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    createSubject: () => call(`${baseUrl}/v1/subjects`, { method: 'POST' }, CreateSubjectResponseSchema),
    async records(token, site) {
      const all: StoredConsentRecord[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '100' });
        if (site) query.set('site', site);
        if (cursor) query.set('cursor', cursor);
        const page = await call(
          `${baseUrl}/v1/subjects/me/records?${query}`,
          { headers: bearer(token) },
          RecordsPageResponseSchema,
        );
        all.push(...page.records);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    state: (token) =>
      call(`${baseUrl}/v1/subjects/me/state`, { headers: bearer(token) }, SubjectStateResponseSchema),
    async revoke(token, siteId, purposes) {
      const body = JSON.stringify({ siteId, purposes });
      const init = {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body,
      };
      const answer = await call(`${baseUrl}/v1/subjects/me/revocations`, init, RevocationResponseSchema);
      return answer.record;
    },
    rightsRequest: (token, id) =>
      call(
        `${baseUrl}/v1/rights-requests/${encodeURIComponent(id)}`,
        { headers: bearer(token) },
        RightsRequestViewSchema,
      ),
    admin: (path) => call(`${baseUrl}${path}`, { headers: bearer(adminToken) }, null),
    healthy: () =>
      fetch(`${baseUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
  };
}
