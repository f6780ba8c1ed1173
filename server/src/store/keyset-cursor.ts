import { HttpError } from '../http/errors.js';

/**
 * The opaque cursor of keyset pagination (history pages, the admin rights queue): the last row's
 * key — a sort column and the id that breaks ties — as base64url JSON. Stable under concurrent
 * inserts (no offsets that shift); a cursor the server did not issue is one clear 400.
 */
export interface KeysetKey {
  sort: string;
  id: string;
}

export function encodeKeysetCursor(key: KeysetKey): string {
  return Buffer.from(JSON.stringify([key.sort, key.id])).toString('base64url');
}

/** `sortIsValid` checks the sort column's own form (a timestamp, say). */
export function decodeKeysetCursor(
  cursor: string,
  sortIsValid: (sort: string) => boolean = () => true,
): KeysetKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      sortIsValid(value[0])
    ) {
      return { sort: value[0], id: value[1] };
    }
  } catch {
    // the one error below
  }
  throw new HttpError('invalid_request', 'query.cursor: is not a cursor this server issued');
}
