import {
  revocationCookieName as cookieNameOf,
  formatRevocationCookie,
  type RevokedPurposes,
  SiteIdSchema,
} from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import type { PendingMap } from './pending.js';

/**
 * The revocation cookie (README "The revocation cookie"): a first-party copy of a site's pending
 * revocations that the SDK reads synchronously from `document.cookie` before it releases any tag
 * from its own synchronous copy of the decision — a purpose revoked here while no tab of the site
 * was open must not run on the next load, not even for one frame.
 */

/** Chrome caps a cookie's lifetime at 400 days; it is re-written on every change anyway. */
export const REVOCATION_COOKIE_DAYS = 400;

/** The cookie's name for a site, or null when the site id is not one (no known site, no cookie). */
export function revocationCookieName(siteId: string | null | undefined): string | null {
  if (typeof siteId !== 'string' || !SiteIdSchema.safeParse(siteId).success) return null;
  return cookieNameOf(siteId);
}

/**
 * The cookie for a site's pending revocations: `purpose@epochMs` per purpose, in the protocol's
 * purpose order, joined by `:` (e.g. `analytics@1765000000000:marketing@1765000000500`). Null when
 * there is nothing pending or no valid site id.
 */
export function revocationCookie(
  siteId: string | null | undefined,
  pending: PendingMap,
): { name: string; value: string } | null {
  const name = revocationCookieName(siteId);
  if (name === null) return null;
  // One format for both ends: protocol's revocation-cookie.ts writes it here and parses it in the SDK.
  const revoked: RevokedPurposes = {};
  for (const [purpose, entry] of Object.entries(pending) as [
    keyof RevokedPurposes,
    { revokedAt: string },
  ][]) {
    const at = Date.parse(entry.revokedAt);
    if (Number.isFinite(at)) revoked[purpose] = at;
  }
  const value = formatRevocationCookie(revoked);
  return value === null ? null : { name, value };
}

/**
 * Makes a site's cookie match its pending map: written (400 days from now) while it is non-empty,
 * removed when it is empty. Never throws: a cookie the browser refuses (no host access, cookies
 * blocked) is reported and the revocation goes on — the pending mark still re-applies it at the
 * next announce, only not before the page's first scripts.
 */
export async function syncRevocationCookie(
  deps: Pick<BackgroundDeps, 'siteCookies' | 'now'>,
  site: Pick<StoredSite, 'origin' | 'siteId' | 'pending'>,
): Promise<void> {
  const name = revocationCookieName(site.siteId);
  if (name === null) return;
  const cookie = revocationCookie(site.siteId, site.pending);
  try {
    if (cookie) {
      const expiresAt = Math.floor(deps.now().getTime() / 1000) + REVOCATION_COOKIE_DAYS * 86_400;
      await deps.siteCookies.set(site.origin, cookie.name, cookie.value, expiresAt);
    } else {
      await deps.siteCookies.remove(site.origin, name);
    }
  } catch (error) {
    console.warn(
      `[coreitsm] revocation cookie of ${site.origin} not ${cookie ? 'written' : 'removed'}: ${String(error)}`,
    );
  }
}
