/**
 * How far ahead of the server's clock a record's `createdAt` may be: 5 minutes. Records are ordered
 * by `createdAt` (the client's clock), so a record dated in the future would outrank every later
 * choice and revocation until that date; the server refuses one further ahead than this. Five
 * minutes covers honest clock drift and delivery delays, and the SDK corrects a clock that runs
 * further ahead from the server's `Date` header, so honest records still arrive (issue 10, finding 2).
 */
export const MAX_CLOCK_SKEW_MS = 300_000;
