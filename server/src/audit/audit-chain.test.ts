import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import { BACKENDS, makeRecord, type TestStore, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';
import { hashAuditEntry } from './audit-hash.js';
import { verifyAudit } from './verify-audit.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `audit chain [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      let store: TestStore | undefined;
      afterEach(async () => {
        await store?.cleanup();
        store = undefined;
      });

      /** A fresh database with `writes` audited writes (a subject, then one batch each). */
      async function chainOf(writes: number) {
        store = await backend.open();
        const http = client(testApp(store));
        const { subjectId, token } = await http.newSubject();
        for (let i = 1; i < writes; i++) {
          const res = await http.call('POST', '/v1/records', {
            token,
            body: { records: [makeRecord(subjectId)] },
          });
          expect(res.status).toBe(200);
        }
        expect(await verifyAudit(store.db)).toMatchObject({ ok: true, entries: writes });
        return store;
      }

      it('links every entry to the one before', async () => {
        const { db } = await chainOf(4);
        const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
        expect(rows.map((r) => r.action)).toEqual([
          'subject.created',
          'records.stored',
          'records.stored',
          'records.stored',
        ]);
        for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
      });

      it('finds an altered entry', async () => {
        const { db } = await chainOf(5);
        await db.updateTable('audit_log').set({ data: '{"ids":[]}' }).where('seq', '=', 3).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 3 });
      });

      it('finds an altered timestamp or action', async () => {
        const { db } = await chainOf(5);
        await db.updateTable('audit_log').set({ action: 'subject.created' }).where('seq', '=', 4).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 4 });
      });

      it('finds an altered entry whose own hash was recomputed, at the next link', async () => {
        const { db } = await chainOf(5);
        const row = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '=', 2)
          .executeTakeFirstOrThrow();
        const data = '{"ids":[]}';
        const hash = hashAuditEntry({
          chain: row.chain,
          seq: row.seq,
          at: row.at,
          action: row.action,
          subjectId: row.subject_id,
          data,
          prevHash: row.prev_hash,
        });
        await db.updateTable('audit_log').set({ data, hash }).where('seq', '=', 2).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 3 });
      });

      it('finds a hash overwritten with garbage', async () => {
        const { db } = await chainOf(5);
        await db
          .updateTable('audit_log')
          .set({ hash: 'f'.repeat(64) })
          .where('seq', '=', 2)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 2 });
      });

      it('finds a deleted entry', async () => {
        const { db } = await chainOf(5);
        await db.deleteFrom('audit_log').where('seq', '=', 3).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 3 });
      });

      it('finds the newest entry deleted (the head no longer matches)', async () => {
        const { db } = await chainOf(5);
        await db.deleteFrom('audit_log').where('seq', '=', 5).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 5 });
      });

      it('finds two entries swapped', async () => {
        const { db } = await chainOf(5);
        await db.updateTable('audit_log').set({ seq: -2 }).where('seq', '=', 2).execute();
        await db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
        await db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', -2).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadEntry: 2 });
      });

      it('reports it through GET /v1/admin/audit/verify', async () => {
        const s = await chainOf(3);
        await s.db.deleteFrom('audit_log').where('seq', '=', 1).execute();
        const res = await client(testApp(s)).call('GET', '/v1/admin/audit/verify', {
          token: 'test-admin-token-0123456789',
        });
        expect(res.json).toMatchObject({ ok: false, entries: 1, firstBadEntry: 1 });
      });

      it('does not fork under concurrent writers on separate connections', async () => {
        store = await backend.open();
        // On PostgreSQL a second pool plays a second app process. SQLite is one process with one
        // connection (better-sqlite3 is synchronous: a second in-process connection waiting on the
        // lock would block the event loop that must commit the first), so both apps share it.
        const second =
          backend.dialect === 'sqlite'
            ? { ...store, close: async () => {} }
            : await openDatabase(process.env.DATABASE_URL as string, {
                pgSchema: (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]
                  ?.s as string,
              });
        try {
          const apps = [client(testApp(store)), client(testApp(second))];
          const subjects = await Promise.all(apps.map((a) => a.newSubject()));
          const writes = Array.from({ length: 40 }, (_, i) => {
            const http = apps[i % 2] as (typeof apps)[number];
            const subject = subjects[i % 2] as (typeof subjects)[number];
            return http.call('POST', '/v1/records', {
              token: subject.token,
              body: { records: [makeRecord(subject.subjectId)] },
            });
          });
          const results = await Promise.all(writes);
          expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
          expect(await verifyAudit(store.db)).toEqual({ ok: true, entries: 42, chains: 16, roots: 0 });
        } finally {
          await second.close();
        }
      });
    },
  );
}
