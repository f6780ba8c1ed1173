import {
  type AnyConsentRecord,
  CHOICE_VALUES,
  isHttpUrl,
  isOrigin,
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
import { SCHEMA_VERSION } from '../core/schema-version.js';

export { SCHEMA_VERSION };

// zod's own pattern (a plain regex, no zod runtime) for `z.uuid()`. Here, not in protocol's field-patterns.ts:
// building it is a top-level call the banner's file (which needs none) would keep. Timestamps are
// checked by protocol's check-timestamp.ts (zod's datetime pattern is long).
const UUID = regexes.uuid();

type Check = (value: unknown) => boolean;
const str =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `AnyConsentRecordSchema`'s fields; `choices` and the cross-field rules are checked below. */
const FIELDS: Record<string, Check> = {
  id: str(UUID),
  schemaVersion: (v) => v === SCHEMA_VERSION,
  subjectId: str(SUBJECT_ID),
  siteId: str(SITE_ID),
  origin: (v) => typeof v === 'string' && isOrigin(v),
  policyVersion: str(POLICY_VERSION),
  policyUrl: nullable((v) => typeof v === 'string' && isHttpUrl(v)),
  jurisdiction: oneOf(JURISDICTIONS),
  choices: (v) => isObject(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v)),
  method: oneOf(METHODS),
  gpc: (v) => typeof v === 'boolean',
  language: str(LANGUAGE),
  createdAt: isTimestamp,
  previous: nullable(str(UUID)),
  receivedAt: (v) => v === undefined || isTimestamp(v),
  noticeHash: (v) => v === undefined || str(SHA256_HEX)(v),
};

/**
 * Accepts exactly what `AnyConsentRecordSchema` accepts, without zod: the returning-visit critical
 * path reads the stored decision through it. check-record.test.ts holds the two together with
 * generated records and their malformed mutations; the full zod parse runs again once the rest of
 * the SDK has loaded.
 */
export function isAnyConsentRecord(value: unknown): value is AnyConsentRecord {
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) if (!Object.hasOwn(FIELDS, key)) return false;
  for (const key in FIELDS) if (!(FIELDS[key] as Check)(value[key])) return false;
  const choices = value.choices as Record<string, unknown>;
  const expected = purposesFor(value.jurisdiction as Jurisdiction) as readonly string[];
  const keys = Object.keys(choices);
  return (
    keys.length === expected.length &&
    keys.every((p) => expected.includes(p) && CHOICE_VALUES.includes(choices[p] as 'granted')) &&
    choices.necessary !== 'denied' &&
    value.previous !== value.id
  );
}
