import type { Choices, Purpose, Service } from '@coreitsm/protocol';
import { gatedPurposes } from './gated-purposes.js';

/**
 * Cookie names a purpose declares: `data-cookies="_ga,_gid,_ga_*"` on any element gated by that
 * purpose (`data-consent`), or on any element with `data-cookies-for="PURPOSE"`. A trailing `*`
 * matches a prefix (Google Analytics names cookies `_ga_<id>`). And the cookies of the site
 * configuration's services under that purpose: one list per purpose, whichever way it was declared.
 */
export function declaredCookies(root: ParentNode, purpose: Purpose, services?: readonly Service[]): string[] {
  const names = new Set<string>();
  for (const service of services ?? [])
    if (service.purpose === purpose) for (const cookie of service.cookies ?? []) names.add(cookie.name);
  for (const el of root.querySelectorAll('[data-cookies]')) {
    const owner = el.getAttribute('data-cookies-for');
    const purposes = owner ? [owner] : gatedPurposes(el);
    if (!purposes.includes(purpose)) continue;
    for (const name of (el.getAttribute('data-cookies') ?? '').split(','))
      if (name.trim()) names.add(name.trim());
  }
  return [...names];
}

/** The purposes granted in `before` and not in `after`. */
export function revokedPurposes(before: Choices, after: Choices): Purpose[] {
  return (Object.keys(before) as Purpose[]).filter((p) => before[p] === 'granted' && after[p] !== 'granted');
}

/**
 * Expires every cookie matching `patterns` on this host and each parent domain (a tag may have
 * set it on `.example.com`), at path `/` and the current path.
 */
export function deleteCookies(patterns: readonly string[], doc: Document = document): string[] {
  const present = doc.cookie
    .split(';')
    .map((c) => c.split('=')[0]?.trim() ?? '')
    .filter(Boolean);
  const matches = present.filter((name) =>
    patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p)),
  );
  const host = doc.location?.hostname ?? '';
  const parts = host.split('.');
  const domains = [''];
  for (let i = 0; i < parts.length - 1; i++) domains.push(`; domain=.${parts.slice(i).join('.')}`);
  const paths = ['/', doc.location?.pathname ?? '/'];
  for (const name of matches) {
    for (const domain of domains) {
      for (const path of paths)
        doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:01 GMT; path=${path}${domain}`;
    }
  }
  return matches;
}

/**
 * Deletes the cookies of every purpose granted in `before` and not in `after`. Also the script
 * tag's lazy `coreconsent-cookies.js` (critical/first-visit.ts loads it only after a revocation).
 */
export function deleteRevokedCookies(
  doc: Document,
  before: Choices,
  after: Choices,
  services?: readonly Service[],
): void {
  for (const purpose of revokedPurposes(before, after))
    deleteCookies(declaredCookies(doc, purpose, services), doc);
}
