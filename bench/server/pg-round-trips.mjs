// Round trips to PostgreSQL per POST /v1/records (not a test): starts the built server on a schema
// of its own with count-pg-queries.mjs preloaded, then sends batch-1 requests one at a time (a lone
// request: its own transaction) and with 10 at once (requests share group commits), and prints the
// queries the `pg` driver sent per request in each case (token check included).
// Run: `npm run build && DATABASE_URL=postgres://… node bench/server/pg-round-trips.mjs [requests]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listeningUrl, sampleRecord as record } from './ingest-fixtures.mjs';
import { benchSchema, loadPg } from './pg-targets.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REQUESTS = Number(process.argv[2] ?? 400);
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ''))
  throw new Error('set DATABASE_URL to postgres://…');
const schema = await benchSchema(loadPg(ROOT), process.env.DATABASE_URL);
const dir = mkdtempSync(join(tmpdir(), 'coreconsent-rt-'));
const countFile = join(dir, 'count');
const child = spawn(
  process.execPath,
  [
    '--import',
    fileURLToPath(new URL('./count-pg-queries.mjs', import.meta.url)),
    join(ROOT, 'server/bin/coreconsent-server.js'),
    'start',
    '--port',
    '0',
    '--db',
    schema.url,
  ],
  {
    // No roots during the count (they are periodic, not per request).
    env: {
      ...process.env,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      AUDIT_ROOT_INTERVAL_MS: '0',
      AUDIT_ROOT_EVERY_ENTRIES: '0',
      PG_COUNT_FILE: countFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await listeningUrl(child);
const queries = async () => {
  child.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 200));
  return Number(readFileSync(countFile, 'utf8'));
};
const subjects = [];
for (let i = 0; i < 200; i++)
  subjects.push(await (await fetch(`${url}/v1/subjects`, { method: 'POST' })).json());
let next = 0;
const send = async () => {
  const subject = subjects[next++ % subjects.length];
  const res = await fetch(`${url}/v1/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${subject.token}` },
    body: JSON.stringify({ records: [record(subject.subjectId)] }),
  });
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
};
try {
  // Warm up: the receipt key is loaded, statements are prepared on the pool's connections.
  for (let i = 0; i < 50; i++) await Promise.all(Array.from({ length: 10 }, send));
  let before = await queries();
  for (let i = 0; i < REQUESTS; i++) await send();
  const lone = ((await queries()) - before) / REQUESTS;
  before = await queries();
  for (let i = 0; i < REQUESTS / 10; i++) await Promise.all(Array.from({ length: 10 }, send));
  const tenAtOnce = ((await queries()) - before) / REQUESTS;
  console.log(
    `pg round trips per request, batch 1: ${lone.toFixed(2)} one at a time, ${tenAtOnce.toFixed(2)} with 10 at once`,
  );
} finally {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await schema.drop();
  rmSync(dir, { recursive: true, force: true });
}
