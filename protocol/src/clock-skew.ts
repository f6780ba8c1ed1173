/**
 * How far ahead of the server's clock a record's `createdAt` may be: 5 minutes covers honest
 * clocks that drift and the time a record waits in an outbox, while a record dated further ahead
 * would outrank every later choice (the latest record is chosen by `createdAt`), so it is refused.
 */
export const MAX_CLOCK_SKEW_MS = 300_000;
