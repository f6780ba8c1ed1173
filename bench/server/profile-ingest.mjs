// Profiles the ingest path (not a test): starts the built server with `node --cpu-prof`, loads
// POST /v1/records (batch 1) with autocannon on loopback for PROFILE_SECONDS, stops it, and prints
// the self time per function and per file of the .cpuprofile, plus CPU ms per request from /proc.
// Run: `npm run build && node bench/server/profile-ingest.mjs [batch]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs, listeningUrl, sampleRecord as record } from './ingest-fixtures.mjs';
import { benchSchema, loadPg } from './pg-targets.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const BATCH = Number(process.argv[2] ?? 1);
const TOP = Number(process.env.PROFILE_TOP ?? 40);
// Subjects the requests rotate through (PROFILE_SUBJECTS, default 1). On PostgreSQL one subject
// means one audit chain, so every request would queue on one head: use ~200 there, as a site's traffic.
const SUBJECTS = Number(process.env.PROFILE_SUBJECTS ?? 1);

let loadStart = 0;
let loadEnd = 0;
// PROFILE_DB_DIR=/dev/shm: the database on tmpfs (fsync returns at once), so the profile shows CPU, not disk waits.
const dir = mkdtempSync(join(process.env.PROFILE_DB_DIR ?? tmpdir(), 'coreconsent-prof-'));
// DATABASE_URL=postgres://…: profile the server on PostgreSQL (a schema of the run's own, dropped after).
const pgSchema = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? await benchSchema(loadPg(ROOT), process.env.DATABASE_URL)
  : undefined;
const child = spawn(
  process.execPath,
  [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    join(ROOT, 'server/bin/coreconsent-server.js'),
    'start',
    '--port',
    '0',
    '--db',
    pgSchema?.url ?? join(dir, 'p.db'),
  ],
  {
    // One subject takes every request: lift its history cap (default 20,000 records) so a long
    // run measures ingest, not 413s.
    env: {
      ...process.env,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      SUBJECT_RECORD_LIMIT: '10000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await listeningUrl(child);
try {
  const subjects = [];
  for (let i = 0; i < SUBJECTS; i++)
    subjects.push(await (await fetch(`${url}/v1/subjects`, { method: 'POST' })).json());
  let next = 0;
  const before = cpuMs(child.pid);
  loadStart = Date.now();
  const result = await autocannon({
    url: `${url}/v1/records`,
    method: 'POST',
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const subject = subjects[next++ % subjects.length];
          return {
            ...req,
            headers: { ...req.headers, authorization: `Bearer ${subject.token}` },
            body: JSON.stringify({ records: Array.from({ length: BATCH }, () => record(subject.subjectId)) }),
          };
        },
      },
    ],
  });
  loadEnd = Date.now();
  const used = cpuMs(child.pid) - before;
  console.log(
    `batch ${BATCH}: ${result['2xx']} ok, ${result.non2xx} non-2xx, ${Math.round(result['2xx'] / result.duration)} req/s, ` +
      `CPU ${(used / Math.max(1, result['2xx'])).toFixed(3)} ms/request (with the profiler on)`,
  );
} finally {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await pgSchema?.drop();
}
const exitAt = Date.now();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
const shortUrl = (u) =>
  u
    ? u
        .replace(/^file:\/\//, '')
        .replace(ROOT, '')
        .replace(/.*node_modules\//, 'nm/')
    : '(native)';
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Only samples taken while the load ran (not start-up, module loading or shutdown), and not idle.
const windowStart = profile.endTime - (exitAt - loadStart) * 1000;
const windowEnd = profile.endTime - (exitAt - loadEnd) * 1000;
const selfUs = new Map();
const inclusive = new Map();
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  if (t < windowStart || t > windowEnd) continue;
  const id = profile.samples[i];
  if (byId.get(id).callFrame.functionName === '(idle)') continue;
  const us = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const { callFrame } = byId.get(n);
    const key = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  const where = shortUrl(callFrame.url);
  const fn = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const pkg = where.startsWith('nm/')
    ? where
        .split('/')
        .slice(0, where.startsWith('nm/@') ? 3 : 2)
        .join('/')
    : where;
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
}
const show = (title, map, n) => {
  console.log(`\n${title} (self time, % of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
};
show('by file / package', byFile, 25);
show('by function', byFunction, TOP);
show('inclusive (function and its callees)', inclusive, TOP);
rmSync(dir, { recursive: true, force: true });
