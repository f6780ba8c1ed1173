import { OPTIONAL_PURPOSES } from './vocabulary-values.js';

type OptionalPurpose = (typeof OPTIONAL_PURPOSES)[number];

/**
 * The revocation cookie (docs/contracts.md, "The revocation cookie"): while a revocation made in
 * the browser extension has not reached a site (no tab of it was open), the extension keeps
 * `coreconsent_revoked_<siteId>` on that site's origin, and the SDK reads it synchronously before
 * putting any stored grant into effect. Zod-free: the SDK's script tag parses it on every load.
 * It can only deny (the SDK denies a purpose whose decision in force is older than its time), so
 * a page that writes it gains nothing.
 */

/** When each purpose was revoked (epoch ms). */
export type RevokedPurposes = Partial<Record<OptionalPurpose, number>>;

/** The cookie's name for a site. */
export const revocationCookieName = (siteId: string): string => `coreconsent_revoked_${siteId}`;

/**
 * The cookie's value: `purpose@epochMs` per purpose, joined by `:`, in the protocol's purpose
 * order (only characters RFC 6265 allows in a cookie value); null when nothing is revoked.
 */
export function formatRevocationCookie(revoked: RevokedPurposes): string | null {
  const entries = OPTIONAL_PURPOSES.flatMap((p) => {
    const at = revoked[p];
    return at === undefined ? [] : [`${p}@${Math.trunc(at)}`];
  });
  return entries.length > 0 ? entries.join(':') : null;
}

const ENTRY = /^([a-z_]+)@(\d{1,15})$/;

/** The value of the cookie `name` in a `document.cookie` string, or undefined. */
export function cookieValue(cookies: string, name: string): string | undefined {
  const prefix = `${name}=`;
  return cookies
    .split(/;\s*/)
    .find((c) => c.startsWith(prefix))
    ?.slice(prefix.length);
}

/**
 * This site's revocations from a `document.cookie` string; empty when there are none. An entry that
 * does not parse (an unknown purpose, `necessary`, a time that is not a whole number) is ignored;
 * the rest still count.
 */
export function parseRevocationCookie(cookie: string, siteId: string): RevokedPurposes {
  const revoked: RevokedPurposes = {};
  for (const entry of cookieValue(cookie, revocationCookieName(siteId))?.split(':') ?? []) {
    const [, purpose, ms] = ENTRY.exec(entry) ?? [];
    if (OPTIONAL_PURPOSES.includes(purpose as OptionalPurpose))
      revoked[purpose as OptionalPurpose] = Number(ms);
  }
  return revoked;
}
