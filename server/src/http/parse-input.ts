import { formatIssues } from '@coreitsm/protocol';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { AppEnv } from './app-env.js';
import { readBodyText } from './body-size.js';
import { HttpError } from './errors.js';

/**
 * Reads the body as JSON (whatever the Content-Type: beacons send text/plain) and parses it with
 * `schema`. `blame` names the record a failure is about (the `recordId` of the error body).
 */
export async function parseJsonBody<S extends z.ZodMiniType>(
  c: Context<AppEnv>,
  schema: S,
  blame?: (raw: unknown, issues: readonly z.core.$ZodIssue[]) => string | undefined,
): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readBodyText(c));
  } catch {
    throw new HttpError('invalid_json', 'the body must be JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError('invalid_request', formatIssues(result.error), blame?.(raw, result.error.issues));
  }
  return result.data as z.infer<S>;
}

/** Parses the query string with `schema` (each parameter once). */
export function parseQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw new HttpError('invalid_request', formatIssues(result.error, 'query'));
  return result.data as z.infer<S>;
}
