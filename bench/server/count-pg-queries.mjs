// Preloaded into a server process by pg-round-trips.mjs (`node --import`): counts every query the
// `pg` driver sends (one round trip each: a multi-statement simple query counts once) and writes the
// running count to PG_COUNT_FILE on SIGUSR2. Not part of the server.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// `pg` as the server resolves it: the same module instance the server's Kysely dialect uses.
const pg = createRequire(new URL('../../server/package.json', import.meta.url))('pg');
let count = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  count += 1;
  return query.apply(this, args);
};
process.on('SIGUSR2', () => writeFileSync(process.env.PG_COUNT_FILE, String(count)));
