import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A subject token is `<subjectId>.<secret>`: the id part finds the row, the secret (32 random bytes,
 * base64url) proves ownership. Only sha256(secret) is stored; a leaked table grants nothing.
 */
export interface IssuedSubject {
  subjectId: string;
  token: string;
  tokenHash: string;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new subject id (`sub_` + 22 url-safe chars = 128 random bits) and its token. */
export function issueSubject(): IssuedSubject {
  const subjectId = `sub_${randomBytes(16).toString('base64url')}`;
  const secret = randomBytes(32).toString('base64url');
  return { subjectId, token: `${subjectId}.${secret}`, tokenHash: sha256Hex(secret) };
}

/** Splits a presented token; undefined when it is not of our shape. */
export function parseToken(token: string): { subjectId: string; secret: string } | undefined {
  const match = /^(sub_[A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] && match[2] ? { subjectId: match[1], secret: match[2] } : undefined;
}

/** Constant-time comparison of two hex digests of equal length (a digest's length is public). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  return digestsEqual(sha256Hex(secret), storedHash);
}
