import { afterEach, describe, expect, it } from 'vitest';
import { issueSubject } from '../auth/tokens.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeTransaction } from '../db/write-transaction.js';
import { canonicalRecordJson } from '../store/canonical-record.js';
import { uuidV7 } from '../store/uuid-v7.js';
import { ADMIN_TOKEN, BACKENDS, makeRecord, type TestStore, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';
import { verifyAudit } from './verify-audit.js';

/**
 * Finding 3 of issue 10: the audit log protects what it logged. Every tampering with a stored
 * record, rights request or step — altered, deleted, or slipped in without an entry — is named by
 * verification, while lawful changes (erasure, retention purge) still verify.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `audit log vs. stored rows [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      let store: TestStore | undefined;
      afterEach(async () => {
        await store?.cleanup();
        store = undefined;
      });

      /** Two subjects' records, a rights request with personal data and an admin note, and an erased subject. */
      async function populated() {
        store = await backend.open();
        const http = client(testApp(store));
        const admin = { token: ADMIN_TOKEN };
        const a = await http.newSubject();
        const denied = makeRecord(a.subjectId, {
          choices: { necessary: 'granted', functional: 'denied', analytics: 'denied', marketing: 'denied' },
          method: 'reject-all',
        });
        const other = makeRecord(a.subjectId, { siteId: 'status' });
        expect(
          (await http.call('POST', '/v1/records', { token: a.token, body: { records: [denied, other] } }))
            .status,
        ).toBe(200);
        const request = await http.call('POST', '/v1/rights-requests', {
          token: a.token,
          body: { kind: 'access', jurisdiction: 'gdpr', contact: 'ana@example.com', details: 'all my data' },
        });
        expect(request.status).toBe(201);
        const step = await http.call('PATCH', `/v1/admin/rights-requests/${request.json.id}`, {
          ...admin,
          body: { status: 'verifying', note: 'called Ana back' },
        });
        expect(step.status).toBe(200);
        // A subject erased through the workflow: its deletions are lawful.
        const b = await http.newSubject();
        expect(
          (
            await http.call('POST', '/v1/records', {
              token: b.token,
              body: { records: [makeRecord(b.subjectId)] },
            })
          ).status,
        ).toBe(200);
        const erasure = await http.call('POST', '/v1/rights-requests', {
          token: b.token,
          body: { kind: 'erasure', jurisdiction: 'gdpr', contact: 'bo@example.com' },
        });
        for (const status of ['in-progress', 'completed']) {
          const res = await http.call('PATCH', `/v1/admin/rights-requests/${erasure.json.id}`, {
            ...admin,
            body: { status, note: 'done' },
          });
          expect(res.status).toBe(200);
        }
        expect((await verifyAudit(store.db)).ok).toBe(true);
        return { db: store.db, denied, other, requestId: request.json.id as string, subjectId: a.subjectId };
      }

      it('names a record whose stored body was edited ("denied" flipped to "granted")', async () => {
        const { db, denied } = await populated();
        const row = await db
          .selectFrom('consent_records')
          .select('body')
          .where('id', '=', denied.id)
          .executeTakeFirstOrThrow();
        await db
          .updateTable('consent_records')
          .set({ body: row.body.replace('"analytics":"denied"', '"analytics":"granted"') })
          .where('id', '=', denied.id)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({
          ok: false,
          firstBadRecord: { table: 'consent_records', id: denied.id, problem: 'altered' },
        });
      });

      it('names a record whose query columns no longer say what its body says', async () => {
        const { db, denied } = await populated();
        await db
          .updateTable('consent_records')
          .set({ created_at: '9999-01-01T00:00:00.000Z' })
          .where('id', '=', denied.id)
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'consent_records',
          id: denied.id,
          problem: 'altered',
        });
      });

      it('names a deleted record', async () => {
        const { db, other } = await populated();
        await db.deleteFrom('consent_records').where('id', '=', other.id).execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'consent_records',
          id: other.id,
          problem: 'deleted',
        });
      });

      it('names a record slipped in without an audit entry', async () => {
        const { db, subjectId } = await populated();
        const forged = makeRecord(subjectId, { siteId: 'forged' });
        await db
          .insertInto('consent_records')
          .values({
            id: forged.id,
            subject_id: subjectId,
            site_id: forged.siteId,
            created_at: forged.createdAt,
            received_at: forged.createdAt,
            jurisdiction: forged.jurisdiction,
            method: forged.method,
            gpc: 0,
            body: canonicalRecordJson(forged),
          })
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'consent_records',
          id: forged.id,
          problem: 'unlogged',
        });
      });

      it('names an altered rights request: its kind, its contact, or its status', async () => {
        for (const change of [
          { kind: 'erasure' },
          { contact: 'mallory@example.com' },
          { status: 'rejected' },
        ]) {
          const { db, requestId } = await populated();
          await db.updateTable('rights_requests').set(change).where('id', '=', requestId).execute();
          expect((await verifyAudit(db)).firstBadRecord).toEqual({
            table: 'rights_requests',
            id: requestId,
            problem: 'altered',
          });
          await store?.cleanup();
          store = undefined;
        }
      });

      it('names an altered, deleted or slipped-in rights-request step', async () => {
        const { db, requestId } = await populated();
        await db
          .updateTable('rights_request_steps')
          .set({ note: 'identity confirmed' })
          .where('request_id', '=', requestId)
          .where('step', '=', 2)
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'rights_request_steps',
          id: `${requestId}/step/2`,
          problem: 'altered',
        });
        await db
          .deleteFrom('rights_request_steps')
          .where('request_id', '=', requestId)
          .where('step', '=', 2)
          .execute();
        expect((await verifyAudit(db)).firstBadRecord?.problem).toBe('deleted');
        await db
          .insertInto('rights_request_steps')
          .values({
            request_id: requestId,
            step: 3,
            status: 'completed',
            at: new Date().toISOString(),
            note: null,
          })
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toMatchObject({
          id: `${requestId}/step/2`,
          problem: 'deleted',
        });
      });

      it('reports it through GET /v1/admin/audit/verify', async () => {
        const { db, denied } = await populated();
        await db.deleteFrom('consent_records').where('id', '=', denied.id).execute();
        const res = await client(testApp(store as TestStore)).call('GET', '/v1/admin/audit/verify', {
          token: ADMIN_TOKEN,
        });
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ ok: false, firstBadRecord: { id: denied.id, problem: 'deleted' } });
      });

      it('keeps an existing chain (written before body hashes) verifying, and protects its rows from the migration on', async () => {
        store = await backend.open('002-latest-per-site');
        const { db, dialect } = store;
        // Written as the server before migration 003 wrote them: entries with ids only.
        const issued = issueSubject();
        const record = makeRecord(issued.subjectId, { id: uuidV7() });
        const requestId = uuidV7();
        await writeTransaction(db, dialect, async ({ trx, now, audit }) => {
          const at = now.toISOString();
          await trx
            .insertInto('subjects')
            .values({ id: issued.subjectId, token_hash: issued.tokenHash, created_at: at, erased_at: null })
            .execute();
          audit('subject.created', issued.subjectId, {});
          await trx
            .insertInto('consent_records')
            .values({
              id: record.id,
              subject_id: issued.subjectId,
              site_id: record.siteId,
              created_at: record.createdAt,
              received_at: at,
              jurisdiction: record.jurisdiction,
              method: record.method,
              gpc: 0,
              body: canonicalRecordJson(record),
            })
            .execute();
          audit('records.stored', issued.subjectId, { ids: [record.id] });
          await trx
            .insertInto('rights_requests')
            .values({
              id: requestId,
              subject_id: issued.subjectId,
              kind: 'access',
              jurisdiction: 'gdpr',
              site_id: null,
              contact: 'old@example.com',
              details: null,
              status: 'received',
              received_at: at,
              due_at: at,
              updated_at: at,
            })
            .execute();
          await trx
            .insertInto('rights_request_steps')
            .values({ request_id: requestId, step: 1, status: 'received', at, note: 'legacy note' })
            .execute();
          audit('rights-request.received', issued.subjectId, {
            id: requestId,
            kind: 'access',
            jurisdiction: 'gdpr',
            dueAt: at,
          });
        });
        await migrateToLatest(db, dialect);
        expect(await verifyAudit(db)).toMatchObject({ ok: true });
        const row = await db
          .selectFrom('consent_records')
          .select('body')
          .where('id', '=', record.id)
          .executeTakeFirstOrThrow();
        await db
          .updateTable('consent_records')
          .set({ body: row.body.replace('"granted"', '"denied"') })
          .where('id', '=', record.id)
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'consent_records',
          id: record.id,
          problem: 'altered',
        });
        await db.updateTable('consent_records').set({ body: row.body }).where('id', '=', record.id).execute();
        await db
          .updateTable('rights_request_steps')
          .set({ note: 'rewritten' })
          .where('request_id', '=', requestId)
          .execute();
        expect((await verifyAudit(db)).firstBadRecord).toEqual({
          table: 'rights_request_steps',
          id: `${requestId}/step/1`,
          problem: 'altered',
        });
      });
    },
  );
}
