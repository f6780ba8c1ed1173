import type { ErrorBody } from '@coreitsm/protocol';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The error codes of the API, each with the status it travels with. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  admin_disabled: 404,
  conflict: 409,
  invalid_transition: 409,
  subject_erased: 410,
  payload_too_large: 413,
  history_full: 413,
  rate_limited: 429,
  too_many_open_requests: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown by handlers; the app's error handler turns it into the contract's error body. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  /** The record of a batch that caused the error, so a client can set that one aside (contract: Hardening). */
  readonly recordId: string | undefined;
  constructor(code: ErrorCode, message: string, recordId?: string) {
    super(message);
    this.code = code;
    this.recordId = recordId;
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    const { code, message, recordId } = this;
    return { error: recordId === undefined ? { code, message } : { code, message, recordId } };
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
