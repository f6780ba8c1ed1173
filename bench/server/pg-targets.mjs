// PostgreSQL pieces of the server bench: a schema of the run's own on DATABASE_URL (so the bench never
// touches other data and leaves nothing behind), and the raw baseline — a `pg` client loop inserting
// the same row shape, one row per (durable, synchronous_commit on) transaction, CONNECTIONS clients at once.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `pg` as the server resolves it (the bench package does not depend on it itself). */
export function loadPg(root) {
  return createRequire(join(root, 'server/package.json'))('pg');
}

/** A fresh schema; `url` points a server at it (libpq `options`, which `pg` passes on). */
export async function benchSchema(pg, databaseUrl) {
  const name = `cc_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin.query(`drop schema if exists ${name} cascade`);
      await admin.end();
    },
  };
}

/** Raw `pg` inserts: `clients` loops, each one row per autocommit transaction, for `seconds`. */
export async function rawPostgres(pg, schema, { clients, seconds, record }) {
  const setup = new pg.Client({ connectionString: schema.url });
  await setup.connect();
  await setup.query(
    'create table raw_r (id text primary key, subject_id text, site_id text, created_at text, received_at text, jurisdiction text, method text, gpc integer, body text)',
  );
  await setup.end();
  const end = performance.now() + seconds * 1000;
  const latencies = [];
  const loop = async () => {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    while (performance.now() < end) {
      const r = record('sub_bench');
      const start = performance.now();
      await client.query({
        name: 'raw_insert',
        text: 'insert into raw_r values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        values: [
          r.id,
          r.subjectId,
          r.siteId,
          r.createdAt,
          r.createdAt,
          r.jurisdiction,
          r.method,
          0,
          JSON.stringify(r),
        ],
      });
      latencies.push(performance.now() - start);
    }
    await client.end();
  };
  await Promise.all(Array.from({ length: clients }, loop));
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] * 100) / 100;
  return {
    name: `raw pg inserts (${clients} clients, one row per transaction)`,
    batch: 1,
    recordsPerSecond: Math.round(latencies.length / seconds),
    commitsPerSecond: Math.round(latencies.length / seconds),
    p50: at(0.5),
    p99: at(0.99),
  };
}
