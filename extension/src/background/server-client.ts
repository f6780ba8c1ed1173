import {
  type ConsentRecord,
  type CreateRightsRequest,
  ErrorBodySchema,
  formatIssues,
  type JwksResponse,
  JwksResponseSchema,
  type RecordsBatchResponse,
  RecordsBatchResponseSchema,
  type RevocationRequest,
  type RevocationResponse,
  RevocationResponseSchema,
  type RightsRequestCreated,
  RightsRequestCreatedSchema,
  type RightsRequestView,
  RightsRequestViewSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';

/** `fetch` as the background uses it; tests pass a fake. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A server answer was an error. `retryable` says whether trying later may succeed. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** A request that hangs must not hold the service worker (or the queue) forever. */
const TIMEOUT_MS = 8000;

/** `api` + path, tolerant of a base URL with or without a trailing slash or a path prefix. */
export function apiUrl(api: string, path: string): string {
  return new URL(path.replace(/^\//, ''), api.endsWith('/') ? api : `${api}/`).toString();
}

async function call<T>(
  fetchFn: Fetch,
  url: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
  expect: number,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new ServerError(
      `server unreachable: ${error instanceof Error ? error.message : String(error)}`,
      true,
      null,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== expect) {
    const parsed = ErrorBodySchema.safeParse(body);
    const detail = parsed.success
      ? `${parsed.data.error.code}: ${parsed.data.error.message}`
      : 'no error body';
    // 408/429/5xx may pass later; any other 4xx will not (bad token, bad request).
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new ServerError(`server answered ${response.status} (${detail})`, retryable, response.status);
  }
  const parsed = z.safeParse(schema, body);
  if (!parsed.success)
    throw new ServerError(`malformed server answer: ${formatIssues(parsed.error)}`, true, null);
  return parsed.data;
}

const jsonInit = (token: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

/** `POST /v1/subjects/me/revocations` → the record the server made. */
export function postRevocation(
  fetchFn: Fetch,
  api: string,
  token: string,
  request: RevocationRequest,
): Promise<RevocationResponse> {
  return call(
    fetchFn,
    apiUrl(api, '/v1/subjects/me/revocations'),
    jsonInit(token, request),
    RevocationResponseSchema,
    201,
  );
}

/** `POST /v1/records` with one record made elsewhere (a tab's own revocation record). */
export function postRecord(
  fetchFn: Fetch,
  api: string,
  token: string,
  record: ConsentRecord,
): Promise<RecordsBatchResponse> {
  return call(
    fetchFn,
    apiUrl(api, '/v1/records'),
    jsonInit(token, { records: [record] }),
    RecordsBatchResponseSchema,
    200,
  );
}

/** `POST /v1/rights-requests`. */
export function postRightsRequest(
  fetchFn: Fetch,
  api: string,
  token: string,
  request: CreateRightsRequest,
): Promise<RightsRequestCreated> {
  return call(
    fetchFn,
    apiUrl(api, '/v1/rights-requests'),
    jsonInit(token, request),
    RightsRequestCreatedSchema,
    201,
  );
}

/** `GET /v1/rights-requests/:id`. */
export function getRightsRequest(
  fetchFn: Fetch,
  api: string,
  token: string,
  id: string,
): Promise<RightsRequestView> {
  return call(
    fetchFn,
    apiUrl(api, `/v1/rights-requests/${encodeURIComponent(id)}`),
    { method: 'GET', headers: { authorization: `Bearer ${token}` } },
    RightsRequestViewSchema,
    200,
  );
}

/** `GET /.well-known/jwks.json`: the keys that sign the server's receipts (no credentials sent). */
export function getJwks(fetchFn: Fetch, api: string): Promise<JwksResponse> {
  return call(
    fetchFn,
    apiUrl(api, '/.well-known/jwks.json'),
    { method: 'GET', credentials: 'omit' },
    JwksResponseSchema,
    200,
  );
}
