import { JURISDICTION_RULES, type Jurisdiction } from './vocabulary.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The legal deadline of a rights request received at `receivedAt` under `jurisdiction`
 * (GDPR 30 days, CCPA 45, LGPD 15, PIPEDA 30), as an ISO timestamp.
 *
 * @example
 * rightsRequestDueAt('ccpa', new Date('2026-01-01T00:00:00Z')); // '2026-02-15T00:00:00.000Z'
 */
export function rightsRequestDueAt(jurisdiction: Jurisdiction, receivedAt: Date): string {
  return new Date(
    receivedAt.getTime() + JURISDICTION_RULES[jurisdiction].rightsResponseDays * DAY_MS,
  ).toISOString();
}
