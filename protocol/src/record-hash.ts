import { type AnyConsentRecord, RECORD_FIELDS } from './record.js';
import { PURPOSES } from './vocabulary.js';

/**
 * The record JSON a receipt's `h` commits to (contract: "Receipts the person keeps"): the fields in
 * contract order without `receivedAt` (the server's clock, not the client's record), choices in
 * purpose order, absent optional fields left out. It is what the server stores as the record's body
 * (server/src/store/canonical-record.ts; record-hash.test.ts and the server's receipt test hold the
 * two together), so anyone holding a record can recompute the hash its receipt names.
 */
export function canonicalRecordJson(record: AnyConsentRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) {
    if (field === 'receivedAt') continue;
    if (field === 'choices') {
      const choices: Record<string, string> = {};
      for (const purpose of PURPOSES) {
        const value = record.choices[purpose];
        if (value !== undefined) choices[purpose] = value;
      }
      ordered.choices = choices;
    } else {
      ordered[field] = record[field];
    }
  }
  return JSON.stringify(ordered);
}

/**
 * SHA-256 (WebCrypto, lowercase hex) of `canonicalRecordJson(record)`: the `h` of its receipt.
 *
 * @example
 * const matches = payload.h === (await recordHash(record));
 */
export async function recordHash(record: AnyConsentRecord): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalRecordJson(record));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
