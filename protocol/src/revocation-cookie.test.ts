import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRevocationCookie, parseRevocationCookie, revocationCookieName } from './revocation-cookie.js';
import { OPTIONAL_PURPOSES } from './vocabulary-values.js';

const revokedArb = fc.dictionary(
  fc.constantFrom(...OPTIONAL_PURPOSES),
  fc.integer({ min: 0, max: 8_640_000_000_000 }),
  { noNullPrototype: true },
);
// RFC 6265 cookie-octet: no control characters, whitespace, DQUOTE, comma, semicolon or backslash.
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

describe('the revocation cookie', () => {
  it('round-trips every set of revocations through a document.cookie string, among other cookies', () => {
    fc.assert(
      fc.property(revokedArb, (revoked) => {
        const value = formatRevocationCookie(revoked);
        if (Object.keys(revoked).length === 0) {
          expect(value).toBeNull();
          return;
        }
        expect(value).toMatch(COOKIE_OCTETS);
        const cookie = `_ga=GA1.2.3; ${revocationCookieName('other-site')}=analytics@1; ${revocationCookieName('servicedesk')}=${value}; theme=dark`;
        expect(parseRevocationCookie(cookie, 'servicedesk')).toEqual(revoked);
      }),
    );
  });

  it('writes the purposes in the protocol order, as whole epoch milliseconds', () => {
    expect(formatRevocationCookie({ marketing: 1765000000500.7, analytics: 1765000000000 })).toBe(
      'analytics@1765000000000:marketing@1765000000500',
    );
  });

  it("reads only its own site's cookie, and ignores entries that do not parse", () => {
    const name = revocationCookieName('status');
    expect(parseRevocationCookie('', 'status')).toEqual({});
    expect(parseRevocationCookie(`${revocationCookieName('status.eu')}=analytics@5`, 'status')).toEqual({});
    expect(
      parseRevocationCookie(
        `${name}=necessary@5:unknown@6:analytics@x:marketing@-1:functional@1e3:sale_sharing@42:analytics`,
        'status',
      ),
    ).toEqual({ sale_sharing: 42 });
    expect(parseRevocationCookie(`${name}=marketing@1234567890123456`, 'status')).toEqual({});
  });
});
