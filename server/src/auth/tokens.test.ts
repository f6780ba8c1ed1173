import { describe, expect, it } from 'vitest';
import { digestsEqual, issueSubject, parseToken, secretMatches, sha256Hex } from './tokens.js';

describe('subject tokens', () => {
  it('issues an id, a token that names it, and the hash of the secret only', () => {
    const issued = issueSubject();
    const parsed = parseToken(issued.token);
    expect(parsed?.subjectId).toBe(issued.subjectId);
    expect(issued.tokenHash).toBe(sha256Hex(parsed?.secret ?? ''));
    expect(issued.token).not.toContain(issued.tokenHash);
  });

  it('issues a different secret every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => issueSubject().token));
    expect(tokens.size).toBe(100);
  });

  it('checks a secret against its hash', () => {
    const issued = issueSubject();
    const secret = parseToken(issued.token)?.secret ?? '';
    expect(secretMatches(secret, issued.tokenHash)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}x`, issued.tokenHash)).toBe(false);
  });

  it.each([
    '',
    'sub_abc',
    'sub_abc.',
    'abc.def',
    `sub_a.${'A'.repeat(42)}`,
    `sub_a.${'A'.repeat(44)}`,
    `sub_a b.${'A'.repeat(43)}`,
  ])('rejects the malformed token %j', (token) => expect(parseToken(token)).toBeUndefined());

  it('compares digests of different lengths as unequal without throwing', () => {
    expect(digestsEqual('abcd', 'abcd')).toBe(true);
    expect(digestsEqual('abcd', 'abce')).toBe(false);
    expect(digestsEqual('abcd', 'ab')).toBe(false);
  });
});
