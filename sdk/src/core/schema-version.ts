/**
 * `RECORD_SCHEMA_VERSION`, as a literal: importing it would pull protocol's record.ts, whose
 * schemas rollup cannot drop, into the critical path and the banner's file. check-record.test.ts
 * asserts they match.
 */
export const SCHEMA_VERSION = 1;
