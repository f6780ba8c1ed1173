import {
  formatIssues,
  JURISDICTIONS,
  type Jurisdiction,
  LanguageSchema,
  PolicyVersionSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';
import { DEFAULT_POLICY_VERSION } from './site-definitions.js';

/**
 * The demo-only query parameters a page accepts. They let a visitor (or a test) pretend to be in
 * another jurisdiction, see a policy update, or pick a language, without redeploying the site.
 * Anything else in the query is ignored; a bad value of these is a 400 that names it.
 */
const DemoQuerySchema = z.object({
  jurisdiction: z.optional(z.enum([...JURISDICTIONS, 'auto'])),
  policy: z.optional(PolicyVersionSchema),
  lang: z.optional(LanguageSchema),
});

export interface DemoQuery {
  readonly jurisdiction: Jurisdiction | 'auto';
  readonly policyVersion: string;
  readonly lang: string | null;
  /** The demo parameters as given, to carry over to the site's own links. */
  readonly carried: URLSearchParams;
}

export type DemoQueryResult = { ok: true; query: DemoQuery } | { ok: false; message: string };

/** The jurisdiction a page declares when the query does not choose one: the EU opt-in flow. */
export const DEFAULT_JURISDICTION = 'gdpr';

export function parseDemoQuery(params: URLSearchParams): DemoQueryResult {
  const raw: Record<string, string> = {};
  for (const key of ['jurisdiction', 'policy', 'lang'] as const) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = DemoQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: formatIssues(parsed.error) };
  const carried = new URLSearchParams(raw);
  return {
    ok: true,
    query: {
      jurisdiction: parsed.data.jurisdiction ?? DEFAULT_JURISDICTION,
      policyVersion: parsed.data.policy ?? DEFAULT_POLICY_VERSION,
      lang: parsed.data.lang ?? null,
      carried,
    },
  };
}

/** `path` with the demo parameters carried over and `changes` applied (`null` removes one). */
export function withQuery(
  path: string,
  carried: URLSearchParams,
  changes: Record<string, string | null> = {},
) {
  const next = new URLSearchParams(carried);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
