import * as z from 'zod/mini';
import { PolicyVersionSchema, RecordIdSchema, TimestampSchema } from './primitives.js';
import { type Choices, ChoicesSchema } from './record.js';
import { JurisdictionSchema } from './vocabulary.js';

/** The current state of one site, as derived from its latest record (the server's `sites[SITE_ID]`). */
export const SiteStateSchema = z.object({
  choices: ChoicesSchema,
  policyVersion: PolicyVersionSchema,
  jurisdiction: JurisdictionSchema,
  recordId: RecordIdSchema,
  createdAt: TimestampSchema,
});
export type SiteState = z.infer<typeof SiteStateSchema>;

/** The fields state derivation needs; every record shape (sent, stored, local) has them. */
export interface OrderableRecord {
  id: string;
  siteId: string;
  createdAt: string;
  choices: Choices;
  policyVersion: string;
  jurisdiction: SiteState['jurisdiction'];
}

/** How many purposes a record grants; fewer is more restrictive. */
function grantCount(choices: Choices): number {
  let n = 0;
  for (const value of Object.values(choices)) if (value === 'granted') n++;
  return n;
}

/**
 * Total order of records by recency: later `createdAt` is newer; on a tie the more restrictive
 * record counts as newer (so a tie never widens consent); then the larger id (UUIDv7 ids sort by
 * time). Returns > 0 when `a` is newer than `b`.
 */
export function compareRecency(a: OrderableRecord, b: OrderableRecord): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (ta !== tb) return ta - tb;
  const restrictive = grantCount(b.choices) - grantCount(a.choices);
  if (restrictive !== 0) return restrictive;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest record of a list (by {@link compareRecency}), or undefined for an empty list. */
export function latestRecord<R extends OrderableRecord>(records: Iterable<R>): R | undefined {
  let latest: R | undefined;
  for (const record of records) if (!latest || compareRecency(record, latest) > 0) latest = record;
  return latest;
}

/** A site's state from one record. */
export function toSiteState(record: OrderableRecord): SiteState {
  return {
    choices: { ...record.choices },
    policyVersion: record.policyVersion,
    jurisdiction: record.jurisdiction,
    recordId: record.id,
    createdAt: record.createdAt,
  };
}

/**
 * Current state derived from a history: the latest record per site. Pure and order-independent,
 * so any part holding any copy of a history (SDK, extension, server) derives the same state.
 *
 * @example
 * const sites = deriveState(await history());
 * sites.servicedesk?.choices.analytics; // 'granted' | 'denied' | undefined
 */
export function deriveState(records: Iterable<OrderableRecord>): Record<string, SiteState> {
  const latest = new Map<string, OrderableRecord>();
  for (const record of records) {
    const current = latest.get(record.siteId);
    if (!current || compareRecency(record, current) > 0) latest.set(record.siteId, record);
  }
  const sites: Record<string, SiteState> = {};
  for (const [siteId, record] of latest) sites[siteId] = toSiteState(record);
  return sites;
}
