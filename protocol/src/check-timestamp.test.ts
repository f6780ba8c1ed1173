import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimestamp } from './check-timestamp.js';
import { TimestampSchema } from './primitives.js';

// The zod-free timestamp check (SDK critical path, extension export) must accept exactly what protocol's zod schema accepts.
function agrees(value: unknown): void {
  expect(isTimestamp(value), JSON.stringify(value)).toBe(TimestampSchema.safeParse(value).success);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
// Near the edges on purpose: months 0..13, days 0..32, hours to 25, minutes/seconds to 61, any year.
const partsArb = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2024, 2100, 2400)),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
  fraction: fc.option(fc.stringMatching(/^\d{0,9}$/), { nil: undefined }),
  zone: fc.constantFrom('Z', 'z', '+00:00', '', 'Z '),
});
const timestampLikeArb = partsArb.map(
  (p) =>
    `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}` +
    `${p.fraction === undefined ? '' : `.${p.fraction}`}${p.zone}`,
);

describe('isTimestamp agrees with TimestampSchema', () => {
  it('on generated timestamps near every edge of the calendar and the clock', () => {
    fc.assert(fc.property(timestampLikeArb, agrees), { numRuns: 5000 });
  });

  it('on real instants', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(isTimestamp(d.toISOString())).toBe(true);
          agrees(d.toISOString());
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on single-character edits of a valid timestamp', () => {
    const base = '2024-02-29T23:59:59.123Z';
    fc.assert(
      fc.property(
        fc.nat({ max: base.length - 1 }),
        fc.constantFrom(...'0123456789-:.TZ a+'.split('')),
        (at, ch) => agrees(base.slice(0, at) + ch + base.slice(at + 1)),
      ),
      { numRuns: 2000 },
    );
  });

  it('on hand-picked values', () => {
    for (const v of [
      '2023-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-12-31T23:59:59Z',
      '2024-01-01T00:00Z',
      '2024-01-01T24:00:00Z',
      '２０２４-01-01T00:00:00Z',
      '',
      null,
      0,
      new Date(0),
    ])
      agrees(v);
  });
});
