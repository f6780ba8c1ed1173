import fc from 'fast-check';
import { type AnyConsentRecord, type Choices, type ConsentRecord, RECORD_FIELDS } from '../record.js';
import { CHOICE_VALUES, JURISDICTIONS, type Jurisdiction, METHODS, purposesFor } from '../vocabulary.js';

/**
 * fast-check arbitraries for protocol shapes, shared by every package's property and fuzz tests
 * (exported as `@coreitsm/protocol/testing`, never from the main entry, so no bundle carries it).
 */

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });

/** UUIDv7-shaped ids (version nibble 7, RFC 4122 variant). */
export const uuidV7Arb = fc
  .tuple(hex(8), hex(4), hex(3), fc.constantFrom('8', '9', 'a', 'b'), hex(3), hex(12))
  .map(([a, b, c, v, d, e]) => `${a}-${b}-7${c}-${v}${d}-${e}`);

export const siteIdArb = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
export const subjectIdArb = fc.stringMatching(/^sub_[A-Za-z0-9_-]{1,30}$/);
export const timestampArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
export const originArb = fc.constantFrom(
  'http://localhost:8081',
  'http://127.0.0.1:8082',
  'https://servicedesk.coreitsm.example',
  'https://status.coreitsm.example',
);
/** Policy versions may start with `-`/`+`, exactly what CSV formula neutralization must handle. */
export const policyVersionArb = fc.stringMatching(/^[\w.:+-]{1,20}$/);

export function choicesArb(jurisdiction: Jurisdiction): fc.Arbitrary<Choices> {
  const optional = purposesFor(jurisdiction).filter((p) => p !== 'necessary');
  return fc
    .tuple(...optional.map(() => fc.constantFrom(...CHOICE_VALUES)))
    .map(
      (values) =>
        Object.fromEntries([['necessary', 'granted'], ...optional.map((p, i) => [p, values[i]])]) as Choices,
    );
}

/** A SHA-256 in hex, from 32 random bytes (cheaper to generate than a 64-character regex). */
export const sha256HexArb = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));

/** Any valid record (as a client sends it). */
export const consentRecordArb: fc.Arbitrary<ConsentRecord> = fc
  .constantFrom(...JURISDICTIONS)
  .chain((jurisdiction) =>
    fc.record({
      id: uuidV7Arb,
      schemaVersion: fc.constant(1 as const),
      subjectId: subjectIdArb,
      siteId: siteIdArb,
      origin: originArb,
      policyVersion: policyVersionArb,
      policyUrl: fc.option(
        originArb.map((o) => `${o}/privacy`),
        { nil: null },
      ),
      jurisdiction: fc.constant(jurisdiction),
      choices: choicesArb(jurisdiction),
      method: fc.constantFrom(...METHODS),
      gpc: fc.boolean(),
      language: fc.constantFrom('en', 'pt-PT', 'es', 'fr', 'de'),
      createdAt: timestampArb,
      previous: fc.option(uuidV7Arb, { nil: null }),
      noticeHash: fc.option(sha256HexArb, { nil: undefined }),
    }),
  )
  // An absent notice hash is no key at all (as a record without one is written), not `undefined`.
  .map(({ noticeHash, ...rest }) => (noticeHash === undefined ? rest : { ...rest, noticeHash }))
  .filter((r) => r.previous !== r.id);

/** Any valid record, stored or not (`receivedAt` present or absent). */
export const anyConsentRecordArb: fc.Arbitrary<AnyConsentRecord> = fc
  .tuple(consentRecordArb, fc.option(timestampArb, { nil: undefined }))
  .map(([record, receivedAt]) => (receivedAt === undefined ? record : { ...record, receivedAt }));

/**
 * Values wrong for every record field: wrong types, empty, huge, hostile strings. `null` and
 * booleans are left out here because they are valid for some fields (see `junkFor`).
 */
export const junkValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.integer({ min: 2 }),
  fc.integer({ max: 0 }),
  fc.double({ noInteger: true }),
  fc.constant('=cmd|"/c calc"!A1'),
  fc.constant('<script>alert(1)</script>'),
  fc.constant(' '),
  fc.constant('x'.repeat(5000)),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.constant({ toString: 'x' }),
  fc.constant({ necessary: 'denied' }),
);

const NULLABLE_FIELDS = new Set(['policyUrl', 'previous']);
/** Fields a valid record may leave out: removing one, or setting it to `undefined`, breaks nothing. */
const OPTIONAL_FIELDS = new Set(['noticeHash']);
const BOOLEAN_FIELDS = new Set(['gpc']);

/** Junk for one field: also `null` where the field is not nullable, a boolean where it is not boolean. */
function junkFor(field: string): fc.Arbitrary<unknown> {
  if (OPTIONAL_FIELDS.has(field))
    return fc.oneof(
      junkValueArb.filter((v) => v !== undefined),
      fc.constant(null),
      fc.boolean(),
    );
  const extra: fc.Arbitrary<unknown>[] = [];
  if (!NULLABLE_FIELDS.has(field)) extra.push(fc.constant(null));
  if (!BOOLEAN_FIELDS.has(field)) extra.push(fc.boolean());
  else extra.push(fc.constantFrom('true', 0, 1));
  return fc.oneof(junkValueArb, ...extra);
}

/** Every field a client sends (the stored-only `receivedAt` aside). */
export const RECORD_FIELD_NAMES = RECORD_FIELDS.filter((f) => f !== 'receivedAt');

type Mutation = { kind: 'remove' } | { kind: 'extra' } | { kind: 'replace'; value: unknown };

/**
 * A malformed record: a valid one with one field replaced by junk, removed, or an unknown field
 * added. Returns the record and the field that was broken, so tests can check the error names it.
 */
export const malformedRecordArb: fc.Arbitrary<{ record: Record<string, unknown>; field: string }> = fc
  .tuple(consentRecordArb, fc.constantFrom(...RECORD_FIELD_NAMES))
  .chain(([valid, field]) =>
    fc
      .oneof(
        // Removing an optional field leaves a valid record: replace it instead.
        OPTIONAL_FIELDS.has(field)
          ? fc.constant<Mutation>({ kind: 'extra' })
          : fc.constant<Mutation>({ kind: 'remove' }),
        fc.constant<Mutation>({ kind: 'extra' }),
        junkFor(field).map((value): Mutation => ({ kind: 'replace', value })),
      )
      .map((mutation) => {
        const record: Record<string, unknown> = { ...valid };
        if (mutation.kind === 'extra') {
          record.ipAddress = '203.0.113.7';
          return { record, field: 'ipAddress' };
        }
        if (mutation.kind === 'remove') delete record[field];
        else record[field] = mutation.value;
        return { record, field };
      }),
  );

/**
 * The broken field reads back from JSON as it was written: `NaN`, `±Infinity` and `-0` turn into
 * `null` or `0`, and `undefined` drops the key, so after `JSON.stringify` such junk may be a valid
 * value (a `null` `policyUrl`) — a test that sends it over HTTP would blame the server for its own input.
 */
function brokenFieldSurvivesJson({
  record,
  field,
}: {
  record: Record<string, unknown>;
  field: string;
}): boolean {
  const wire = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  if (Object.hasOwn(record, field) !== Object.hasOwn(wire, field)) return false;
  return !Object.hasOwn(record, field) || fc.stringify(wire[field]) === fc.stringify(record[field]);
}

/** `malformedRecordArb` for bodies sent as JSON (HTTP, postMessage): still malformed once serialized. */
export const malformedWireRecordArb = malformedRecordArb.filter(brokenFieldSurvivesJson);

export * from './bridge-fuzz.js';
