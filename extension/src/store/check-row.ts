import {
  type AnyConsentRecord,
  CHOICE_VALUES,
  type ExportRecord,
  isTimestamp,
  JURISDICTIONS,
  type Jurisdiction,
  LANGUAGE,
  METHODS,
  POLICY_VERSION,
  purposesFor,
  SHA256_HEX,
  SITE_ID,
  SUBJECT_ID,
} from '@coreitsm/protocol';
import { regexes } from 'zod/v4/core';

/**
 * A cheap check of a record row read back for the export, without zod (issue 11, "instant at any
 * size"): the export reads every row of the store, and `StoredRecordSchema`'s zod parse costs more
 * than reading them. It accepts a row only when the zod parse would accept it *and give back the
 * very same values in the same key order* (so the export writes the same bytes either way);
 * anything else — a malformed row, an unusual key order, an extra key — is left to the zod parse.
 * `check-row.test.ts` holds it to the schema with generated rows and their mutations. The field
 * rules are the protocol's own patterns (field-patterns.ts, which its zod schemas are built from,
 * as the SDK's critical path uses them); timestamps by protocol's zod-free `isTimestamp`.
 */

const UUID = regexes.uuid();
const RECEIPT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * URL checks parse a URL; an export meets the same few origins and policy URLs 100,000 times, so
 * answers are remembered (bounded: a store of unique URLs only costs the parses it would anyway).
 */
const urlMemo = new Map<string, { http: boolean; origin: boolean }>();
function urlFacts(value: string): { http: boolean; origin: boolean } {
  let facts = urlMemo.get(value);
  if (facts === undefined) {
    facts = { http: false, origin: false };
    if (value.length <= 2048) {
      try {
        const url = new URL(value);
        facts.http = url.protocol === 'http:' || url.protocol === 'https:';
        facts.origin = facts.http && url.origin === value;
      } catch {
        // not a URL: both false
      }
    }
    if (urlMemo.size >= 10_000) urlMemo.clear();
    urlMemo.set(value, facts);
  }
  return facts;
}
const isOrigin = (v: unknown) => typeof v === 'string' && urlFacts(v).origin;
const isHttpUrl = (v: unknown) => typeof v === 'string' && urlFacts(v).http;

type Check = (value: unknown) => boolean;
const str =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v);

/**
 * The record's keys in `AnyConsentRecordSchema`'s shape order (the order its parse writes them),
 * each with its rule; `optional` ones may be absent (never present as `undefined`).
 */
const FIELDS: readonly (readonly [key: string, check: Check, optional: boolean])[] = [
  ['id', str(UUID), false],
  ['schemaVersion', (v) => v === 1, false],
  ['subjectId', str(SUBJECT_ID), false],
  ['siteId', str(SITE_ID), false],
  ['origin', isOrigin, false],
  ['policyVersion', str(POLICY_VERSION), false],
  ['policyUrl', (v) => v === null || isHttpUrl(v), false],
  ['jurisdiction', (v) => (JURISDICTIONS as readonly unknown[]).includes(v), false],
  ['choices', () => true, false], // checked below, with the jurisdiction
  ['method', (v) => (METHODS as readonly unknown[]).includes(v), false],
  ['gpc', (v) => typeof v === 'boolean', false],
  ['language', str(LANGUAGE), false],
  ['createdAt', isTimestamp, false],
  ['previous', (v) => v === null || str(UUID)(v), false],
  ['noticeHash', str(SHA256_HEX), true],
  ['receivedAt', isTimestamp, true],
];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Whether `value` is a record the zod parse would give back unchanged (see the file's comment). */
export function isPlainRecord(value: unknown): value is AnyConsentRecord {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  let k = 0;
  for (const [key, check, optional] of FIELDS) {
    if (keys[k] === key) {
      const v = value[key];
      if (v === undefined || !check(v)) return false;
      k++;
    } else if (!optional) return false;
  }
  if (k !== keys.length) return false; // an unknown key, or one out of order
  const choices = value.choices;
  if (!isPlainObject(choices)) return false;
  const expected = purposesFor(value.jurisdiction as Jurisdiction);
  const got = Object.keys(choices);
  if (got.length !== expected.length) return false;
  for (let i = 0; i < got.length; i++) {
    // The jurisdiction's own order: any other is left to zod, which may write it differently.
    if (got[i] !== expected[i]) return false;
    if (!(CHOICE_VALUES as readonly unknown[]).includes(choices[got[i] as string])) return false;
  }
  return choices.necessary === 'granted' && value.previous !== value.id;
}

/**
 * A record row (`StoredRecordSchema`) as the export carries it — the record, and its kept receipt
 * beside it — or null when the row needs the zod parse (which may still accept it).
 */
export function plainExportRow(row: unknown): ExportRecord | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as Record<string, unknown>;
  if (r.schemaVersion !== 1 || !isOrigin(r.origin)) return null;
  if (r.at !== undefined && !Number.isFinite(r.at)) return null;
  if (r.rank !== undefined && !Number.isSafeInteger(r.rank)) return null;
  const receipt = r.receipt;
  if (
    receipt !== undefined &&
    !(typeof receipt === 'string' && receipt.length <= 2048 && RECEIPT.test(receipt))
  )
    return null;
  if (!isPlainRecord(r.record)) return null;
  return receipt === undefined ? r.record : { ...r.record, receipt };
}
