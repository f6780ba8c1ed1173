import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOf } from '../audit/chains.js';
import { BACKENDS, databaseTarget, makeRecord, type TestStore } from '../testing/backends.js';
import { post } from '../testing/http-client.js';
import { type RunningServer, runCli, startServer } from '../testing/spawn-cli.js';

/**
 * Horizontal scale (issue 14): two real `coreconsent-server start` processes on one PostgreSQL
 * database take writes at once — for the same subject from both, and for different subjects on
 * each — and afterwards `verify-audit` passes and every acknowledged record is stored exactly once.
 * Each subject's entries are on its own chain; both processes sign roots over the heads every
 * 100 ms meanwhile (racing for the same root seqs), and every root verifies.
 */
const postgres = BACKENDS.find((b) => b.dialect === 'postgres');
const skip = postgres?.skipReason;
const BATCHES = 40; // per subject and process: enough for the two processes' transactions to interleave

interface Subject {
  subjectId: string;
  token: string;
}

describe.skipIf(skip !== undefined)(
  `two server processes on one database [postgres]${skip ? ` — skipped: ${skip}` : ''}`,
  () => {
    let store: TestStore;
    let url: string;
    const servers: RunningServer[] = [];
    beforeAll(async () => {
      store = await (postgres as NonNullable<typeof postgres>).open();
      url = await databaseTarget(store);
      for (let i = 0; i < 2; i++)
        servers.push(await startServer(['--db', url], { AUDIT_ROOT_INTERVAL_MS: '100' }));
    });
    afterAll(async () => {
      for (const server of servers) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await store?.cleanup();
    });

    it('takes concurrent writes for the same and different subjects, and the audit log verifies', async () => {
      const [one, two] = servers.map((s) => s.url) as [string, string];
      const subject = async (at: string) => (await post(at, '/v1/subjects')).json as Subject;
      const shared = await subject(one);
      const ownOne = await subject(one);
      const ownTwo = await subject(two);
      const sends: Promise<{ status: number; json: unknown }>[] = [];
      const ids: string[] = [];
      const send = (at: string, who: Subject, size: number) => {
        const records = Array.from({ length: size }, () => makeRecord(who.subjectId));
        ids.push(...records.map((r) => r.id));
        sends.push(post(at, '/v1/records', who.token, { records }));
      };
      for (let i = 0; i < BATCHES; i++) {
        send(one, shared, 1 + (i % 3));
        send(two, shared, 1 + (i % 2));
        send(one, ownOne, 2);
        send(two, ownTwo, 1);
      }
      // Keep writing past a few root intervals, so roots are made (by both processes) mid-write.
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 120));
        send(i % 2 === 0 ? one : two, shared, 1);
        send(two, ownOne, 1);
      }
      const answers = await Promise.all(sends);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

      const stored = await store.db
        .selectFrom('consent_records')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(ids.length);
      // Both processes kept the shared subject's per-site count exact under concurrency.
      const counts = await store.db
        .selectFrom('subject_site_counts')
        .select('records')
        .where('subject_id', '=', shared.subjectId)
        .executeTakeFirstOrThrow();
      const sharedRecords = await store.db
        .selectFrom('consent_records')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('subject_id', '=', shared.subjectId)
        .executeTakeFirstOrThrow();
      expect(Number(counts.records)).toBe(Number(sharedRecords.n));

      // Every subject's entries are on its chain (16, the default), not on one shared chain.
      for (const who of [shared, ownOne, ownTwo]) {
        const chains = await store.db
          .selectFrom('audit_log')
          .select('chain')
          .distinct()
          .where('subject_id', '=', who.subjectId)
          .execute();
        expect(chains.map((c) => Number(c.chain))).toEqual([chainOf(who.subjectId, 16)]);
      }
      const roots = await fetch(`${two}/v1/audit/roots`).then(
        (r) => r.json() as Promise<{ roots: unknown[] }>,
      );
      expect(roots.roots.length).toBeGreaterThan(0);

      const verified = runCli(['verify-audit', '--db', url]);
      expect(verified.stderr).toBe('');
      expect(verified.status).toBe(0);
      // Three subjects created, then one entry per batch.
      expect(verified.stdout).toContain(`audit log ok: ${3 + answers.length} entries in 16 chains`);
    });
  },
);
