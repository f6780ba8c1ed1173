// `TimestampSchema` (zod's `z.iso.datetime()`: UTC, seconds required, any fraction) without zod's
// pattern, which spells out the calendar (leap years included) as one long regex: a short shape
// and twelve month lengths are ~0.3 kB lighter on the SDK's returning-visit path, where every
// stored record's `createdAt` is checked, and the extension's export checks 100,000 rows with it
// (extension/src/store/check-row.ts). Zod-free on purpose; check-timestamp.test.ts holds the two together.
const SHAPE = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

/** Whether `value` is what `TimestampSchema` accepts: a real calendar date, in UTC. */
export function isTimestamp(value: unknown): boolean {
  const m = typeof value === 'string' ? SHAPE.exec(value) : null;
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // Days per month, Jan..Dec; February by the Gregorian rule (year 0000 is a leap year, as in zod).
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}
