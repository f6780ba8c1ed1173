// A/B of CPU time per ingest request (not a test): starts two builds of the server (A: the bin
// given as BIN_A, B: this checkout's), loads each with autocannon in alternation, and prints CPU ms
// per request of each round from /proc. On a shared machine, CPU per request moves far less with
// other load than request rates do, and alternating A and B exposes both to the same conditions.
// Run: BIN_A=/path/to/other/server/bin/coreconsent-server.js node bench/server/ab-cpu.mjs [batch] [rounds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs, listeningUrl, sampleRecord as record } from './ingest-fixtures.mjs';
import { benchSchema, loadPg } from './pg-targets.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BATCH = Number(process.argv[2] ?? 1);
const ROUNDS = Number(process.argv[3] ?? 3);
const SECONDS = Number(process.env.AB_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.AB_CONNECTIONS ?? 10);
// A fixed request rate (AB_RATE) gives both builds the same group-commit sizes; 0 = as fast as possible.
const RATE = Number(process.env.AB_RATE ?? 0);
// Subjects the requests rotate through (AB_SUBJECTS, default 1). On PostgreSQL one subject means
// one audit chain, so every request would queue on one head: use ~200 there, as a site's traffic.
const SUBJECTS = Number(process.env.AB_SUBJECTS ?? 1);

// DATABASE_URL=postgres://…: both builds on PostgreSQL, each in a schema of its own (dropped after).
const PG_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL
  : undefined;
const schemas = [];

async function start(bin, dir, name) {
  let db = join(dir, `${name}.db`);
  if (PG_URL) {
    const schema = await benchSchema(loadPg(ROOT), PG_URL);
    schemas.push(schema);
    db = schema.url;
  }
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--db', db], {
    // One subject takes every request: lift its history cap (default 20,000 records) so a long
    // run measures ingest, not 413s.
    env: {
      ...process.env,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      SUBJECT_RECORD_LIMIT: '10000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await listeningUrl(child, name);
  const subjects = [];
  for (let i = 0; i < SUBJECTS; i++)
    subjects.push(await (await fetch(`${url}/v1/subjects`, { method: 'POST' })).json());
  return { name, child, url, subjects, next: 0, samples: [] };
}

async function load(target) {
  const before = cpuMs(target.child.pid);
  const result = await autocannon({
    url: `${target.url}/v1/records`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(RATE ? { overallRate: RATE } : {}),
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const subject = target.subjects[target.next++ % target.subjects.length];
          return {
            ...req,
            headers: { ...req.headers, authorization: `Bearer ${subject.token}` },
            body: JSON.stringify({
              records: Array.from({ length: BATCH }, () => record(subject.subjectId)),
            }),
          };
        },
      },
    ],
  });
  const ms = (cpuMs(target.child.pid) - before) / Math.max(1, result['2xx']);
  target.samples.push(ms);
  console.log(
    `${target.name}: ${(ms).toFixed(3)} CPU ms/request, ${Math.round(result['2xx'] / result.duration)} req/s, ${result.non2xx + result.errors} errors`,
  );
}

// AB_DB_DIR=/dev/shm puts both databases on tmpfs, where fsync returns at once: the servers are
// then CPU-bound and CPU per request measures the code path, not the shared disk's latency.
const dir = mkdtempSync(join(process.env.AB_DB_DIR ?? tmpdir(), 'coreconsent-ab-'));
const targets = [
  await start(process.env.BIN_A, dir, 'A'),
  await start(join(ROOT, 'server/bin/coreconsent-server.js'), dir, 'B'),
];
try {
  for (let round = 0; round < ROUNDS; round++)
    for (const t of round % 2 ? [...targets].reverse() : targets) await load(t);
  for (const t of targets) {
    const sorted = [...t.samples].sort((a, b) => a - b);
    console.log(
      `${t.name} median ${sorted[Math.floor(sorted.length / 2)].toFixed(3)} min ${sorted[0].toFixed(3)} CPU ms/request (batch ${BATCH})`,
    );
  }
} finally {
  await Promise.all(
    targets.map((t) => {
      const exited = new Promise((resolve) => t.child.once('exit', resolve));
      t.child.kill('SIGTERM');
      return exited;
    }),
  );
  for (const schema of schemas) await schema.drop();
  rmSync(dir, { recursive: true, force: true });
}
