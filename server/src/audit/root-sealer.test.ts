import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { ConfigError, configFromEnv } from '../config.js';
import type { OpenedDatabase } from '../db/open-database.js';
import type { Db } from '../db/schema.js';
import { silentLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { loadSigningKey } from '../receipts/receipt-keys.js';
import { BACKENDS, databaseTarget, makeRecord, type TestStore, testConfig } from '../testing/backends.js';
import { client, post } from '../testing/http-client.js';
import { type RunningServer, startServer } from '../testing/spawn-cli.js';
import { type RootSealer, startRootSealer } from './root-sealer.js';
import { verifyAudit } from './verify-audit.js';

async function rootCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_roots')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The heads as the newest root names them, and as the head rows hold them now. */
async function newestRootAndHeads(db: Db) {
  const root = await db
    .selectFrom('audit_roots')
    .select('heads')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const heads = await db
    .selectFrom('audit_heads')
    .select(['chain', 'seq', 'hash'])
    .orderBy('chain')
    .execute();
  return {
    named: JSON.parse(root.heads) as unknown,
    now: heads.map((h) => [Number(h.chain), Number(h.seq), h.hash]),
  };
}

it('AUDIT_ROOT_EVERY_ENTRIES: 10,000 by default, 0 turns the count off, bounded at a million', () => {
  expect(configFromEnv({}).auditRootEveryEntries).toBe(10_000);
  expect(configFromEnv({ AUDIT_ROOT_EVERY_ENTRIES: '0' }).auditRootEveryEntries).toBe(0);
  expect(configFromEnv({ AUDIT_ROOT_EVERY_ENTRIES: '1000000' }).auditRootEveryEntries).toBe(1_000_000);
  expect(() => configFromEnv({ AUDIT_ROOT_EVERY_ENTRIES: '1000001' })).toThrow(ConfigError);
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `roots every N entries [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      let store: TestStore | undefined;
      const servers: RunningServer[] = [];
      const sealers: RootSealer[] = [];
      const errors: unknown[] = [];
      afterEach(async () => {
        for (const sealer of sealers.splice(0)) await sealer.stop();
        for (const server of servers.splice(0)) {
          server.child.kill('SIGTERM');
          await server.exited;
        }
        await store?.cleanup();
        store = undefined;
        expect(errors.splice(0)).toEqual([]);
      });

      /** An app as `start` wires it (its sealer hears every commit), with no timer: only the count makes roots. */
      function serve(opened: OpenedDatabase, everyEntries: number) {
        const sealer = startRootSealer({
          db: opened.db,
          signingKey: () => loadSigningKey(opened.db, undefined),
          intervalMs: 0,
          everyEntries,
          onError: (error) => errors.push(error),
        });
        sealers.push(sealer);
        const app = createApp({
          db: opened.db,
          dialect: opened.dialect,
          sync: opened.sync,
          readSnapshot: opened.readSnapshot,
          config: testConfig(),
          logger: silentLogger,
          metrics: createMetrics(),
          onAuditEntries: sealer.noteEntries,
        });
        return { sealer, http: client(app) };
      }

      it('signs a root once N entries were written, without waiting for a timer, then counts again', async () => {
        store = await backend.open();
        const { sealer, http } = serve(store, 3);
        // One entry per new subject (subject.created): two are not enough.
        await http.newSubject();
        const who = await http.newSubject();
        await sealer.idle();
        expect(await rootCount(store.db)).toBe(0);
        // The third makes it due: a root over the heads as they are then.
        await http.newSubject();
        await sealer.idle();
        expect(await rootCount(store.db)).toBe(1);
        const { named, now } = await newestRootAndHeads(store.db);
        expect(named).toEqual(now);
        // The count restarted: one batch (one entry) and a subject make 2, then one more makes 3.
        const batch = { records: [makeRecord(who.subjectId)] };
        expect((await http.call('POST', '/v1/records', { token: who.token, body: batch })).status).toBe(200);
        await http.newSubject();
        await sealer.idle();
        expect(await rootCount(store.db)).toBe(1);
        await http.newSubject();
        await sealer.idle();
        expect(await rootCount(store.db)).toBe(2);
        expect(await verifyAudit(store.db, { dialect: store.dialect })).toMatchObject({ ok: true, roots: 2 });
      });

      it('makes no root by count when the count is off (0)', async () => {
        store = await backend.open();
        const { sealer, http } = serve(store, 0);
        for (let i = 0; i < 5; i++) await http.newSubject();
        await sealer.idle();
        expect(await rootCount(store.db)).toBe(0);
      });

      it('two `start` processes, roots by count only, racing for root seqs: every write lands and the log verifies', async () => {
        store = await backend.open();
        const target = await databaseTarget(store);
        // No timer: every root here comes from the count (5 entries), in either process.
        const env = { AUDIT_ROOT_INTERVAL_MS: '0', AUDIT_ROOT_EVERY_ENTRIES: '5' };
        for (let i = 0; i < 2; i++) servers.push(await startServer(['--db', target], env));
        const [one, two] = servers.map((s) => s.url) as [string, string];
        const people = [await post(one, '/v1/subjects'), await post(two, '/v1/subjects')].map(
          (res) => res.json as { subjectId: string; token: string },
        );
        const writes: Promise<{ status: number }>[] = [];
        for (let i = 0; i < 30; i++) {
          for (const [n, url] of [one, two].entries()) {
            const who = people[(i + n) % 2] as (typeof people)[number];
            writes.push(post(url, '/v1/records', who.token, { records: [makeRecord(who.subjectId)] }));
            if (i % 5 === 0) writes.push(post(url, '/v1/subjects'));
          }
        }
        const answers = await Promise.all(writes);
        expect(answers.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
        // Stopping a process lets the root it is making finish first (run-command.ts).
        for (const server of servers.splice(0)) {
          server.child.kill('SIGTERM');
          expect(await server.exited).toBe(0);
        }
        // 76 entries in all: each process passed 5 several times.
        const roots = await rootCount(store.db);
        expect(roots).toBeGreaterThan(2);
        expect(await verifyAudit(store.db, { dialect: store.dialect })).toMatchObject({ ok: true, roots });
      });
    },
  );
}
