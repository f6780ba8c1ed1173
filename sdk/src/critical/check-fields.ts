/**
 * The protocol's field rules (protocol/src/primitives.ts) without zod, for the critical path.
 * Copies, held to the zod schemas by check-record.test.ts and check-config.test.ts: change one
 * there and those tests fail until this file agrees.
 */
export const SITE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const SUBJECT_ID = /^sub_[A-Za-z0-9_-]{1,128}$/;
export const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
export const POLICY_VERSION = /^[\w.:+-]{1,64}$/;

export function isHttpUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const isOrigin = (value: string) => isHttpUrl(value) && new URL(value).origin === value;
