import type { AnyConsentRecord } from '@coreitsm/protocol';

/**
 * The fields a stored record row carries so IndexedDB can order it as `compareRecency` does
 * (time, then the more restrictive record later, then id) without reading every row: `at` is the
 * record's time in epoch ms (ISO strings of mixed precision do not sort as text), `rank` is minus
 * its granted purposes.
 */
export interface RecordOrder {
  at: number;
  rank: number;
}

export function recordOrder(record: Pick<AnyConsentRecord, 'createdAt' | 'choices'>): RecordOrder {
  const grants = Object.values(record.choices).filter((value) => value === 'granted').length;
  return { at: Date.parse(record.createdAt), rank: -grants };
}
