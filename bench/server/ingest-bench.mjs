// Server ingest benchmark (not a test): records per second and latency of POST /v1/records on
// loopback, for batches of 1 and 20, beside a bare node:http server answering the same requests
// and raw better-sqlite3 inserts with the same durability, all measured in the same run.
// Run: `npm run build && npm run bench:server -w @coreitsm/bench`. Writes bench/results/server-ingest-*.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs, listeningUrl, sampleRecord as record } from './ingest-fixtures.mjs';
import { benchSchema, loadPg, rawPostgres } from './pg-targets.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 5); // seconds per measurement
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Other work on a shared machine makes single runs noisy: peaks are measured ROUNDS times,
// interleaving the targets, and the best run of each counts.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// Subjects the requests rotate through: with batches of 20 at a few thousand requests a second,
// 2,000 subjects keep each history well under the server's 20,000-record limit for a whole run.
const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 2000);
const LONG_HISTORY = 20_000;
// better-sqlite3 as the server resolves it (the bench package does not depend on it itself).
const SQLite = createRequire(join(ROOT, 'server/package.json'))('better-sqlite3');
// PostgreSQL rows run when DATABASE_URL names one (a schema of the run's own, dropped afterwards).
const DATABASE_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL
  : undefined;
const SERVER_ENV = {
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'silent',
  // The long-history row below keeps adding to one subject: lift its cap so the bench measures
  // the cost of a long history, not the 413 that the default 20,000-record limit answers.
  SUBJECT_RECORD_LIMIT: String(10_000_000),
};

async function startProcess(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { child, url: await listeningUrl(child, args.join(' ')) };
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * One autocannon run; every request carries fresh record ids (new records, not duplicates), for the
 * next subject of the pool in turn: many visitors with short histories, as a site's traffic is
 * (one subject for every request would run into the per-subject history limit within seconds).
 */
let nextSubject = 0;
function cannon(url, { subjects, batch, rate }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/records`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: DURATION,
        ...(rate ? { overallRate: rate } : {}),
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const { token, subjectId } = subjects[nextSubject++ % subjects.length];
              return {
                ...req,
                headers: { ...req.headers, authorization: `Bearer ${token}` },
                body: JSON.stringify({ records: Array.from({ length: batch }, () => record(subjectId)) }),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
}

function summarize(result, batch) {
  const ok = result['2xx'];
  const errors = result.non2xx + result.errors + result.timeouts;
  const seconds = result.duration;
  return {
    requestsPerSecond: Math.round(ok / seconds),
    recordsPerSecond: Math.round((ok * batch) / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

/** One load on every url of a target at once (several processes on one database), summed. */
async function cannonAll(target, options) {
  const results = await Promise.all(
    target.urls.map((url) =>
      cannon(url, {
        ...options,
        ...(options.rate ? { rate: Math.max(1, Math.floor(options.rate / target.urls.length)) } : {}),
      }),
    ),
  );
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  return {
    '2xx': sum('2xx'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    duration: Math.max(...results.map((r) => r.duration)),
    // The worse process's percentiles: a proxy in front sees both.
    latency: {
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
    },
  };
}

const cpuOf = (pids) => {
  const values = pids.map(cpuMs);
  return values.includes(undefined) ? undefined : values.reduce((a, b) => a + b, 0);
};

/** Best of ROUNDS peak runs (as fast as CONNECTIONS allow per process), interleaved by the caller. */
async function peakOf(target, batch) {
  const before = cpuOf(target.pids);
  const result = await cannonAll(target, { subjects: target.auth.subjects, batch });
  const after = cpuOf(target.pids);
  const summary = summarize(result, batch);
  const cpuPerRequest =
    before === undefined || after === undefined ? undefined : (after - before) / Math.max(1, result['2xx']);
  return {
    ...summary,
    cpuMsPerRequest: cpuPerRequest === undefined ? undefined : Math.round(cpuPerRequest * 1000) / 1000,
  };
}

/** A fixed rate at half the peak: the latency a server shows when it is not saturated. */
async function halfOf(target, batch, peak) {
  const rate = Math.max(1, Math.floor(peak.requestsPerSecond / 2));
  return {
    rate,
    ...summarize(await cannonAll(target, { subjects: target.auth.subjects, batch, rate }), batch),
  };
}

function rawSqlite(dir, batch) {
  const db = new SQLite(join(dir, `raw-${batch}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'create table r (id text primary key, subject_id text, site_id text, created_at text, received_at text, jurisdiction text, method text, gpc integer, body text)',
  );
  const insert = db.prepare('insert into r values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const commitBatch = db.transaction((rows) => {
    for (const r of rows)
      insert.run(
        r.id,
        r.subjectId,
        r.siteId,
        r.createdAt,
        r.createdAt,
        r.jurisdiction,
        r.method,
        0,
        JSON.stringify(r),
      );
  });
  const end = performance.now() + DURATION * 1000;
  let records = 0;
  const latencies = [];
  while (performance.now() < end) {
    const rows = Array.from({ length: batch }, () => record('sub_bench'));
    const start = performance.now();
    commitBatch(rows); // one durable (fsynced) transaction per batch, like one request
    latencies.push(performance.now() - start);
    records += batch;
  }
  db.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] * 100) / 100;
  return {
    name: 'raw better-sqlite3',
    batch,
    recordsPerSecond: Math.round(records / DURATION),
    commitsPerSecond: Math.round(latencies.length / DURATION),
    p50: at(0.5),
    p99: at(0.99),
  };
}

const BIN = join(ROOT, 'server/bin/coreconsent-server.js');
const PG_ONE = 'coreconsent-server (PostgreSQL, 1 process)';
const PG_TWO = 'coreconsent-server (PostgreSQL, 2 processes)';

/** Every chain and its data, checked by the real CLI after the load (the aim: it still passes). */
function verifyAuditCli(db) {
  const out = spawnSync(process.execPath, [BIN, 'verify-audit', '--db', db], { encoding: 'utf8' });
  return { ok: out.status === 0, output: (out.stdout + out.stderr).trim() };
}

async function newSubjects(url, n) {
  const subjects = [];
  for (let i = 0; i < n; i++)
    subjects.push(await (await fetch(`${url}/v1/subjects`, { method: 'POST' })).json());
  return subjects;
}

const dir = mkdtempSync(join(tmpdir(), 'coreconsent-bench-'));
const pg = DATABASE_URL ? loadPg(ROOT) : undefined;
const schema = pg ? await benchSchema(pg, DATABASE_URL) : undefined;
const children = [];
try {
  console.error(
    `server ingest bench: ${DURATION}s per run, ${CONNECTIONS} connections, ${cpus().length} CPUs${schema ? `, PostgreSQL schema ${schema.name}` : ' (DATABASE_URL unset: no PostgreSQL rows)'}`,
  );
  const ours = await startProcess([BIN, 'start', '--port', '0', '--db', join(dir, 'bench.db')], SERVER_ENV);
  const bare = await startProcess([fileURLToPath(new URL('./bare-server.mjs', import.meta.url))]);
  children.push(ours.child, bare.child);
  const subjects = await newSubjects(ours.url, SUBJECTS);
  // One subject that already holds LONG_HISTORY records: its ingest must cost what a new one's does
  // (the history limits read per-site counts, never the history itself).
  const heavy = await (await fetch(`${ours.url}/v1/subjects`, { method: 'POST' })).json();
  for (let stored = 0; stored < LONG_HISTORY; stored += 100) {
    const res = await fetch(`${ours.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${heavy.token}` },
      body: JSON.stringify({ records: Array.from({ length: 100 }, () => record(heavy.subjectId)) }),
    });
    if (!res.ok) throw new Error(`seeding the long history: ${res.status} ${await res.text()}`);
  }
  const targets = [
    { name: 'bare node:http', urls: [bare.url], pids: [bare.child.pid], auth: { subjects } },
    { name: 'coreconsent-server (SQLite)', urls: [ours.url], pids: [ours.child.pid], auth: { subjects } },
    {
      name: `coreconsent-server (SQLite), one subject holding ${LONG_HISTORY} records`,
      urls: [ours.url],
      pids: [ours.child.pid],
      auth: { subjects: [heavy] },
    },
  ];
  if (schema) {
    // Two processes on one database, as behind a load balancer; the first migrates it.
    const first = await startProcess([BIN, 'start', '--port', '0', '--db', schema.url], SERVER_ENV);
    const second = await startProcess([BIN, 'start', '--port', '0', '--db', schema.url], SERVER_ENV);
    children.push(first.child, second.child);
    const pgSubjects = await newSubjects(first.url, SUBJECTS);
    targets.push(
      { name: PG_ONE, urls: [first.url], pids: [first.child.pid], auth: { subjects: pgSubjects } },
      {
        name: PG_TWO,
        urls: [first.url, second.url],
        pids: [first.child.pid, second.child.pid],
        auth: { subjects: pgSubjects },
      },
    );
  }
  const runs = [];
  for (const batch of [1, 20]) {
    const best = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const peak = await peakOf(target, batch);
        console.error(`  ${target.name} batch ${batch} round ${round + 1}: ${peak.requestsPerSecond} req/s`);
        if (!best.has(target.name) || peak.requestsPerSecond > best.get(target.name).requestsPerSecond)
          best.set(target.name, peak);
      }
    }
    for (const target of targets) {
      const peak = best.get(target.name);
      runs.push({ name: target.name, batch, peak, half: await halfOf(target, batch, peak) });
    }
  }
  const metrics = await (await fetch(`${ours.url}/metrics`)).text();
  const groupSum = Number(/coreconsent_write_group_size_sum (\S+)/.exec(metrics)?.[1] ?? 0);
  const groupCount = Number(/coreconsent_write_group_size_count (\S+)/.exec(metrics)?.[1] ?? 1);
  const meanGroupSize = Math.round((groupSum / groupCount) * 10) / 10;
  for (const child of children.splice(0)) await stop(child);
  const raw = [rawSqlite(dir, 1), rawSqlite(dir, 20)];
  if (schema) raw.push(await rawPostgres(pg, schema, { clients: CONNECTIONS, seconds: DURATION, record }));
  const audit = {
    sqlite: verifyAuditCli(join(dir, 'bench.db')),
    ...(schema ? { postgres: verifyAuditCli(schema.url) } : {}),
  };

  const find = (name, batch) => runs.find((r) => r.name === name && r.batch === batch);
  const ratio = (a, b) => (a && b ? Math.round((a / b) * 1000) / 1000 : null);
  const ratios = {};
  for (const batch of [1, 20]) {
    const o = find('coreconsent-server (SQLite)', batch);
    const b = find('bare node:http', batch);
    const r = raw.find((x) => x.batch === batch && x.name === 'raw better-sqlite3');
    const long = find(targets[2].name, batch);
    const pgOne = find(PG_ONE, batch);
    const pgTwo = find(PG_TWO, batch);
    const rawPg = raw.find((x) => x.name.startsWith('raw pg'));
    ratios[`batch${batch}`] = {
      longHistoryVsManySubjectsRequestRate: ratio(long.peak.requestsPerSecond, o.peak.requestsPerSecond),
      serverVsBareRequestRate: ratio(o.peak.requestsPerSecond, b.peak.requestsPerSecond),
      serverVsRawSqliteRecordRate: ratio(o.peak.recordsPerSecond, r.recordsPerSecond),
      bareVsServerCpuPerRequest: ratio(b.peak.cpuMsPerRequest, o.peak.cpuMsPerRequest),
      ...(pgOne
        ? {
            postgresVsSqliteRequestRate: ratio(pgOne.peak.requestsPerSecond, o.peak.requestsPerSecond),
            postgresTwoVsOneProcessRequestRate: ratio(
              pgTwo.peak.requestsPerSecond,
              pgOne.peak.requestsPerSecond,
            ),
            postgresVsRawPgRecordRate: ratio(pgOne.peak.recordsPerSecond, rawPg?.recordsPerSecond),
          }
        : {}),
    };
  }

  const rows = [
    ...runs.map((r) => ({
      target: r.name,
      batch: r.batch,
      'req/s peak': r.peak.requestsPerSecond,
      'records/s peak': r.peak.recordsPerSecond,
      'p50/p99 ms at peak': `${r.peak.p50}/${r.peak.p99}`,
      'CPU ms/req': r.peak.cpuMsPerRequest ?? '',
      'half rate': r.half.rate,
      'p50/p99 ms at half': `${r.half.p50}/${r.half.p99}`,
      errors: r.peak.errors + r.half.errors,
    })),
    ...raw.map((r) => ({
      target: r.name,
      batch: r.batch,
      'req/s peak': r.commitsPerSecond,
      'records/s peak': r.recordsPerSecond,
      'p50/p99 ms at peak': `${r.p50}/${r.p99}`,
      'CPU ms/req': '',
      'half rate': '',
      'p50/p99 ms at half': '',
      errors: 0,
    })),
  ];
  console.table(rows);
  console.log('ratios:', JSON.stringify(ratios));
  console.log(`mean requests per durable commit (group commit, SQLite): ${meanGroupSize}`);
  for (const [name, result] of Object.entries(audit)) console.log(`verify-audit ${name}: ${result.output}`);
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `server-ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, durationSeconds: DURATION, connections: CONNECTIONS, rounds: ROUNDS, meanGroupSize, runs, raw, ratios, audit }, null, 2)}\n`,
  );
  console.log(`wrote ${file}`);
  if (Object.values(audit).some((result) => !result.ok)) process.exitCode = 1;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
}
