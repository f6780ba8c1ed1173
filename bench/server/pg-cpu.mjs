// Where the cores go on PostgreSQL (not a test): the built server on a schema of its own, loaded with
// POST /v1/records (batch 1, 10 connections, many subjects) from this process, and the CPU each party
// used per request, from /proc: the server process, its PostgreSQL backends (found by application_name
// in pg_stat_activity), PostgreSQL's background processes (WAL writer, checkpointer…: shared with any
// other database user on the machine) and the load generator itself.
// PROCESSES=2: two server processes on the one database, each loaded with its own 10 connections.
// Run: `npm run build && DATABASE_URL=postgres://… node bench/server/pg-cpu.mjs [seconds]`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs, listeningUrl, sampleRecord as record } from './ingest-fixtures.mjs';
import { benchSchema, loadPg } from './pg-targets.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.argv[2] ?? 8);
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ''))
  throw new Error('set DATABASE_URL to postgres://…');
const pg = loadPg(ROOT);
const schema = await benchSchema(pg, process.env.DATABASE_URL);
const APP = `cc-cpu-${process.pid}`;
const PROCESSES = Number(process.env.PROCESSES ?? 1);
async function startServer() {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'server/bin/coreconsent-server.js'), 'start', '--port', '0', '--db', schema.url],
    {
      // pg takes application_name from PGAPPNAME: it names this server's backends in pg_stat_activity.
      env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', PGAPPNAME: APP },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return { child, url: await listeningUrl(child) };
}
const servers = [];
for (let i = 0; i < PROCESSES; i++) servers.push(await startServer()); // the first migrates
const { url } = servers[0];
const monitor = new pg.Client({ connectionString: process.env.DATABASE_URL });
await monitor.connect();
/** PostgreSQL's own processes: every process whose command line starts with "postgres". */
const postgresPids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres');
      } catch {
        return false;
      }
    })
    .map(Number);
const sum = (pids) => pids.reduce((n, pid) => n + (cpuMs(pid) ?? 0), 0);
try {
  const subjects = [];
  for (let i = 0; i < 200; i++)
    subjects.push(await (await fetch(`${url}/v1/subjects`, { method: 'POST' })).json());
  let next = 0;
  const loadOne = (serverUrl, duration) =>
    autocannon({
      url: `${serverUrl}/v1/records`,
      method: 'POST',
      connections: 10,
      duration,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            const subject = subjects[next++ % subjects.length];
            return {
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${subject.token}` },
              body: JSON.stringify({ records: [record(subject.subjectId)] }),
            };
          },
        },
      ],
    });
  const load = async (duration) => {
    const results = await Promise.all(servers.map((server) => loadOne(server.url, duration)));
    return {
      '2xx': results.reduce((n, r) => n + r['2xx'], 0),
      non2xx: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors, 0),
      latency: {
        p50: Math.max(...results.map((r) => r.latency.p50)),
        p99: Math.max(...results.map((r) => r.latency.p99)),
      },
    };
  };
  await load(2); // warm up: every pool connection open, statements prepared
  const { rows } = await monitor.query('select pid from pg_stat_activity where application_name = $1', [APP]);
  const backends = rows.map((r) => r.pid);
  const others = postgresPids().filter((pid) => !backends.includes(pid));
  const serverCpu = () => servers.reduce((n, server) => n + (cpuMs(server.child.pid) ?? 0), 0);
  const before = {
    server: serverCpu(),
    backends: sum(backends),
    others: sum(others),
    self: process.cpuUsage(),
  };
  const started = performance.now();
  const result = await load(SECONDS);
  const wall = performance.now() - started;
  const self = process.cpuUsage(before.self);
  const n = Math.max(1, result['2xx']);
  const per = (ms) => (ms / n).toFixed(3);
  const server = serverCpu() - before.server;
  const pgBackends = sum(backends) - before.backends;
  const pgOthers = sum(others) - before.others;
  const generator = (self.user + self.system) / 1000;
  console.log(`${PROCESSES} server process(es), 10 connections each, ${SECONDS} s`);
  console.log(
    `${result['2xx']} requests in ${(wall / 1000).toFixed(1)} s (${Math.round(result['2xx'] / (wall / 1000))} req/s), ${result.non2xx + result.errors} errors; p50/p99 ${result.latency.p50}/${result.latency.p99} ms`,
  );
  console.log(
    `CPU ms per request: server process(es) ${per(server)}, their ${backends.length} PostgreSQL backends ${per(pgBackends)}, other PostgreSQL processes ${per(pgOthers)}, load generator ${per(generator)}`,
  );
  console.log(
    `cores busy on average: server ${(server / wall).toFixed(2)}, backends ${(pgBackends / wall).toFixed(2)}, other PostgreSQL ${(pgOthers / wall).toFixed(2)}, load generator ${(generator / wall).toFixed(2)}`,
  );
} finally {
  await monitor.end();
  for (const { child } of servers) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await schema.drop();
}
