import { MAX_CLOCK_SKEW_MS, type OptionalPurpose, type SiteState } from '@coreitsm/protocol';
import type { PendingRevocation } from '../store/schemas.js';

export type PendingMap = Partial<Record<OptionalPurpose, PendingRevocation>>;

/**
 * Decides, when a site announces its state, which revocations made in the extension must be
 * re-applied there (the tab was closed and the server did not reach it yet) and which are settled.
 *
 * A pending revocation is settled when the site shows the purpose denied, when the purpose does
 * not apply there, or when the site's state is newer than the revocation (the person granted it
 * again on the site afterwards: their later choice wins). Otherwise it is re-applied and kept
 * until the site confirms it. A state dated more than `MAX_CLOCK_SKEW_MS` ahead of `now` is not
 * "later" (issue 10, finding 2): a page could otherwise date a grant in 9999 and cancel every
 * revocation for good.
 */
export function reconcilePending(
  pending: PendingMap,
  state: SiteState | null,
  now: Date = new Date(),
): { reapply: OptionalPurpose[]; remaining: PendingMap } {
  if (!state) return { reapply: [], remaining: { ...pending } };
  const reapply: OptionalPurpose[] = [];
  const remaining: PendingMap = {};
  for (const [purpose, entry] of Object.entries(pending) as [OptionalPurpose, PendingRevocation][]) {
    const value = state.choices[purpose];
    if (value !== 'granted') continue; // denied (confirmed) or not applicable here
    const decidedAt = Date.parse(state.createdAt);
    const plausible = decidedAt <= now.getTime() + MAX_CLOCK_SKEW_MS;
    if (plausible && decidedAt > Date.parse(entry.revokedAt)) continue; // re-granted later
    reapply.push(purpose);
    remaining[purpose] = entry;
  }
  return { reapply, remaining };
}

/** Adds revocations of `purposes` at `at` to a pending map. */
export function addPending(
  pending: PendingMap,
  purposes: readonly OptionalPurpose[],
  at: string,
): PendingMap {
  const next: PendingMap = { ...pending };
  for (const purpose of purposes) next[purpose] = { revokedAt: at, server: false };
  return next;
}

/** Marks purposes as stored by the server (they stay pending for the site until it confirms). */
export function markServerConfirmed(pending: PendingMap, purposes: readonly OptionalPurpose[]): PendingMap {
  const next: PendingMap = { ...pending };
  for (const purpose of purposes) {
    const entry = next[purpose];
    if (entry) next[purpose] = { ...entry, server: true };
  }
  return next;
}
