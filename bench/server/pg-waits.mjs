// Where do the cores go with two server processes on one PostgreSQL? Samples pg_stat_activity every
// 20 ms while both take POST /v1/records (batch 1, 10 connections each, 5 s) and prints how many
// backends were, on average, in each state. Not part of `npm run bench`.
// Run: `npm run build && DATABASE_URL=postgres://… node bench/server/pg-waits.mjs`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const ROOT = new URL('../../', import.meta.url).pathname;
const require = createRequire(`${ROOT}server/package.json`);
const pg = require('pg');
const autocannon = createRequire(`${ROOT}bench/package.json`)('autocannon');
const base = process.env.DATABASE_URL;
if (!base?.startsWith('postgres')) throw new Error('set DATABASE_URL to a postgres:// URL');
const schema = `cc_waits_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create schema ${schema}`);
const u = new URL(base);
u.searchParams.set('options', `-c search_path=${schema}`);
const start = () =>
  new Promise((res) => {
    const c = spawn(
      process.execPath,
      [`${ROOT}server/bin/coreconsent-server.js`, 'start', '--port', '0', '--db', u.toString()],
      {
        env: { ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let o = '';
    c.stdout.on('data', (d) => {
      o += d;
      const m = /listening on (\S+)/.exec(o);
      if (m) res({ c, url: m[1] });
    });
  });
const a = await start();
const b = await start();
const subs = [];
for (let i = 0; i < 200; i++)
  subs.push(await (await fetch(`${a.url}/v1/subjects`, { method: 'POST' })).json());
const { sampleRecord } = await import('./ingest-fixtures.mjs');
let n = 0;
const load = (url) =>
  new Promise((r, reject) =>
    autocannon(
      {
        url: `${url}/v1/records`,
        method: 'POST',
        connections: 10,
        duration: 5,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (q) => {
              const s = subs[n++ % subs.length];
              return {
                ...q,
                headers: { ...q.headers, authorization: `Bearer ${s.token}` },
                body: JSON.stringify({ records: [sampleRecord(s.subjectId)] }),
              };
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : r(res)),
    ),
  );
const counts = new Map();
let samples = 0;
const timer = setInterval(async () => {
  const { rows } = await admin.query(
    `select coalesce(wait_event_type,'CPU') as t, coalesce(wait_event,'running') as e, state from pg_stat_activity where datname='test' and pid<>pg_backend_pid() and state<>'idle'`,
  );
  samples++;
  for (const r of rows) {
    const k = `${r.t}/${r.e} (${r.state})`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
}, 20);
const [ra, rb] = await Promise.all([load(a.url), load(b.url)]);
clearInterval(timer);
console.log('req/s', Math.round((ra['2xx'] + rb['2xx']) / 5), 'samples', samples);
for (const [k, v] of [...counts].sort((x, y) => y[1] - x[1]))
  console.log((v / samples).toFixed(2), 'backends on average:', k);
// Wait for both to exit before dropping the schema (their last transactions hold locks on it).
await Promise.all(
  [a.c, b.c].map(
    (c) =>
      new Promise((r) => {
        c.once('exit', r);
        c.kill('SIGTERM');
      }),
  ),
);
await admin.query(`drop schema ${schema} cascade`);
await admin.end();
