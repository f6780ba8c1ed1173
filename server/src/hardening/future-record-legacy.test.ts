import { describe, expect, it } from 'vitest';
import { recordBodyHash } from '../audit/body-hash.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeTransaction } from '../db/write-transaction.js';
import { canonicalRecordJson } from '../store/canonical-record.js';
import { changeRecordCounts } from '../store/site-counts.js';
import { createSubject } from '../store/subjects-store.js';
import { BACKENDS, makeRecord, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';

/**
 * Finding 2 of issue 10, for the records a server stored before it refused future dates: a record
 * dated 9999 sits in the database and, ordered by its own date, outranks every later choice.
 * Migration 005 orders it by its receipt time instead (store/ordering-time.ts); its body, the
 * evidence, stays exactly as the audit log vouches for it.
 */
for (const backend of BACKENDS) {
  const title = `records dated in the future before the refusal [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`;
  describe.skipIf(backend.skipReason !== undefined)(title, () => {
    it('no longer outrank the choices made after them once the database is migrated', async () => {
      const store = await backend.open('004-subject-site-counts');
      try {
        const { db, dialect } = store;
        const issued = await createSubject((work) => writeTransaction(db, dialect, work));
        // Stored as the server before migration 005 stored them: ordered by the client's date.
        const storeAsBefore = (record: ReturnType<typeof makeRecord>) =>
          writeTransaction(db, dialect, async ({ trx, now, audit }) => {
            const body = canonicalRecordJson(record);
            await trx
              .insertInto('consent_records')
              .values({
                id: record.id,
                subject_id: issued.subjectId,
                site_id: record.siteId,
                created_at: new Date(record.createdAt).toISOString(),
                // The audit entry vouches for the receipt time: the transaction's.
                received_at: now.toISOString(),
                jurisdiction: record.jurisdiction,
                method: record.method,
                gpc: 0,
                body,
              })
              .execute();
            await changeRecordCounts(trx, [{ subject_id: issued.subjectId, site_id: record.siteId }], 1);
            audit('records.stored', issued.subjectId, { ids: [record.id], hashes: [recordBodyHash(body)] });
          });
        const future = makeRecord(issued.subjectId, { createdAt: '9999-12-31T23:59:59.000Z' });
        await storeAsBefore(future);
        await new Promise((resolve) => setTimeout(resolve, 5));
        // The person's next choice, made after the 9999 record arrived.
        const later = makeRecord(issued.subjectId, {
          method: 'reject-all',
          choices: { ...future.choices, analytics: 'denied', marketing: 'denied' },
        });
        await storeAsBefore(later);
        const http = client(testApp(store));
        const state = async () =>
          (await http.call('GET', '/v1/subjects/me/state', { token: issued.token })).json.sites.servicedesk;
        expect((await state()).recordId).toBe(future.id); // the hole, as it was

        await migrateToLatest(db, dialect);
        expect((await state()).recordId).toBe(later.id);
        const page = await http.call('GET', '/v1/subjects/me/records', { token: issued.token });
        expect(page.json.records.map((r: { id: string }) => r.id)).toEqual([later.id, future.id]);
        // The evidence is untouched: the body still carries the date its client wrote.
        expect(page.json.records[1].createdAt).toBe(future.createdAt);
        expect(await verifyAudit(db)).toMatchObject({ ok: true });
        // A revocation now builds on the later choice, not on the 9999 one.
        const revoked = await http.call('POST', '/v1/subjects/me/revocations', {
          token: issued.token,
          body: { siteId: 'servicedesk', purposes: ['functional'] },
        });
        expect(revoked.status).toBe(201);
        expect(revoked.json.record.previous).toBe(later.id);
        expect((await state()).recordId).toBe(revoked.json.record.id);
      } finally {
        await store.cleanup();
      }
    });

    it('are still caught when someone moves their order key any other way', async () => {
      const store = await backend.open();
      try {
        const http = client(testApp(store));
        const { subjectId, token } = await http.newSubject();
        const record = makeRecord(subjectId);
        expect((await http.call('POST', '/v1/records', { token, body: { records: [record] } })).status).toBe(
          200,
        );
        await store.db
          .updateTable('consent_records')
          .set({ created_at: '2999-01-01T00:00:00.000Z' })
          .where('id', '=', record.id)
          .execute();
        expect(await verifyAudit(store.db)).toMatchObject({
          ok: false,
          firstBadRecord: { table: 'consent_records', id: record.id, problem: 'altered' },
        });
      } finally {
        await store.cleanup();
      }
    });
  });
}
