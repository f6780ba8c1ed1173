import { type ConsentRecord, PURPOSES, RECORD_FIELDS, type StoredConsentRecord } from '@coreitsm/protocol';

/**
 * One JSON text per record content: fields in contract order, choices in purpose order. Two
 * submissions of the "same" record compare equal however the client ordered its keys.
 */
export function canonicalRecordJson(record: ConsentRecord): string {
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

/** A stored row back to the contract's shape. */
export function storedRecord(body: string, receivedAt: string): StoredConsentRecord {
  return { ...(JSON.parse(body) as ConsentRecord), receivedAt };
}
