/**
 * The server's clock as seen from this browser: the offset learned from the `Date` header of
 * every answer (server time minus local time at the answer). Offsets under 2 s are ignored: the
 * header has 1 s resolution and the answer took some time to arrive. New records are stamped with
 * this clock, so a local clock that runs ahead does not date them into the future (the server
 * refuses records more than `MAX_CLOCK_SKEW_MS` ahead of its own clock).
 */
export function serverClock(localNow: () => number = Date.now) {
  let offset = 0;
  return {
    observe(dateHeader: string | null): void {
      const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
      if (Number.isNaN(server)) return;
      const measured = server - localNow();
      offset = Math.abs(measured) < 2000 ? 0 : measured;
    },
    now: (): Date => new Date(localNow() + offset),
  };
}

export type ServerClock = ReturnType<typeof serverClock>;
