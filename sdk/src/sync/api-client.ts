import {
  type ConsentRecord,
  type CreateRightsRequest,
  CreateSubjectResponseSchema,
  formatIssues,
  type Notice,
  NoticeCreatedSchema,
  RecordsBatchResponseSchema,
  RecordsPageResponseSchema,
  RightsRequestCreatedSchema,
  SubjectStateResponseSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';
import { type ServerClock, serverClock } from './server-clock.js';

/**
 * An HTTP failure: `status` 0 means the network (server down, offline, CORS). `recordId` is the
 * record a `400`/`409` of `POST /v1/records` names (servers before issue 10 name none).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly recordId: string | null = null,
  ) {
    super(message);
  }
}

/** The contract's error body, with the additive `recordId`; anything else is just "HTTP status". */
const ErrorAnswerSchema = z.object({
  error: z.object({ message: z.string(), recordId: z.optional(z.string()) }),
});

type Fetch = typeof fetch;

/**
 * The contract's HTTP API, every answer parsed with protocol's schemas. `fetchImpl` is passed in
 * so tests and the `pagehide` flush can swap it.
 */
export function apiClient(
  base: string,
  fetchImpl: Fetch = (...args) => fetch(...args),
  clock: ServerClock = serverClock(),
) {
  async function call<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    init: RequestInit & { token?: string | null } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (init.body) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let response: Response;
    try {
      response = await fetchImpl(base + path, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw new ApiError(0, error instanceof Error ? error.message : 'network error');
    }
    clock.observe(response.headers.get('date'));
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorAnswerSchema.safeParse(body);
      const message = error.success ? error.data.error.message : `HTTP ${response.status}`;
      throw new ApiError(
        response.status,
        message,
        error.success ? (error.data.error.recordId ?? null) : null,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new ApiError(502, `unexpected answer from ${path}: ${formatIssues(parsed.error)}`);
    return parsed.data;
  }

  return {
    clock,
    createSubject: () => call('/v1/subjects', CreateSubjectResponseSchema, { method: 'POST', body: '{}' }),
    sendRecords: (token: string, records: readonly ConsentRecord[], keepalive = false) =>
      call('/v1/records', RecordsBatchResponseSchema, {
        method: 'POST',
        body: JSON.stringify({ records }),
        token,
        keepalive,
      }),
    /** `POST /v1/notices`: idempotent (201 new, 200 known); the answer is the server's own hash. */
    registerNotice: (notice: Notice) =>
      call('/v1/notices', NoticeCreatedSchema, { method: 'POST', body: JSON.stringify({ notice }) }),
    state: (token: string) => call('/v1/subjects/me/state', SubjectStateResponseSchema, { token }),
    records: (token: string, siteId: string, cursor: string | null) =>
      call(
        `/v1/subjects/me/records?site=${encodeURIComponent(siteId)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        RecordsPageResponseSchema,
        { token },
      ),
    rightsRequest: (token: string, request: CreateRightsRequest) =>
      call('/v1/rights-requests', RightsRequestCreatedSchema, {
        method: 'POST',
        body: JSON.stringify(request),
        token,
      }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
