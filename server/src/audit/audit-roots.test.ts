import { createHash, generateKeyPairSync } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/schema.js';
import { loadSigningKey } from '../receipts/receipt-keys.js';
import { purge } from '../retention/purge.js';
import { ADMIN_TOKEN, BACKENDS, makeRecord, type TestStore, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.js';
import { chainOf } from './chains.js';
import { createRoot, merkleRoot, type RootHead, rootPayload } from './roots.js';
import { verifyAudit } from './verify-audit.js';

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

describe('merkleRoot', () => {
  it('is the RFC 6962 tree hash over the heads in chain order', () => {
    const heads: RootHead[] = [0, 1, 2].map((chain) => ({
      chain,
      seq: chain * 3,
      hash: String(chain).repeat(64),
    }));
    const leaf = (h: RootHead) => sha256(Buffer.from([0]), JSON.stringify([h.chain, h.seq, h.hash]));
    const [a, b, c] = heads.map(leaf) as [Buffer, Buffer, Buffer];
    const expected = sha256(Buffer.from([1]), sha256(Buffer.from([1]), a, b), c).toString('hex');
    expect(merkleRoot(heads)).toBe(expected);
    expect(merkleRoot(heads.slice(0, 1))).toBe(a.toString('hex'));
    expect(merkleRoot([])).toBe(sha256('').toString('hex'));
    // Any head changed changes the root.
    expect(
      merkleRoot([heads[0] as RootHead, { ...(heads[1] as RootHead), seq: 4 }, heads[2] as RootHead]),
    ).not.toBe(expected);
  });
});

/** Rewrites chain `chain` as an attacker with write access to the database could: entry `seq` gone, the rest renumbered and rehashed, the head moved. */
async function removeAndRehash(db: Db, chain: number, seq: number): Promise<void> {
  await db.deleteFrom('audit_log').where('chain', '=', chain).where('seq', '=', seq).execute();
  const rest = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
  const before = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('chain', '=', chain)
    .where('seq', '=', seq - 1)
    .executeTakeFirst();
  let prevHash = before?.hash ?? GENESIS_HASH;
  let at = seq;
  for (const row of rest) {
    const hash = hashAuditEntry({
      chain,
      seq: at,
      at: row.at,
      action: row.action,
      subjectId: row.subject_id,
      data: row.data,
      prevHash,
    });
    await db
      .updateTable('audit_log')
      .set({ seq: at, prev_hash: prevHash, hash })
      .where('chain', '=', chain)
      .where('seq', '=', Number(row.seq))
      .execute();
    prevHash = hash;
    at += 1;
  }
  await db
    .updateTable('audit_heads')
    .set({ seq: at - 1, hash: prevHash })
    .where('chain', '=', chain)
    .execute();
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `partitioned audit chains and signed roots [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      let store: TestStore | undefined;
      afterEach(async () => {
        await store?.cleanup();
        store = undefined;
      });

      /** Subjects on two different chains, each with `batches` record batches, a root after every round. */
      async function twoChains(batches: number) {
        store = await backend.open();
        const { db } = store;
        const http = client(testApp(store));
        const key = await loadSigningKey(db, undefined);
        // Two subjects on different chains; others made on the way may share a chain with either.
        const a = await http.newSubject();
        let b = await http.newSubject();
        while (chainOf(b.subjectId, 16) === chainOf(a.subjectId, 16)) b = await http.newSubject();
        const start = await db.selectFrom('audit_log').select('chain').execute();
        for (let i = 0; i < batches; i++) {
          for (const who of [a, b]) {
            const res = await http.call('POST', '/v1/records', {
              token: who.token,
              body: { records: [makeRecord(who.subjectId)] },
            });
            expect(res.status).toBe(200);
          }
          expect(await createRoot(db, key)).toBeDefined();
        }
        // Nothing moved: no new root.
        expect(await createRoot(db, key)).toBeUndefined();
        /** The seq of `chain`'s head as root `root` names it. */
        const headOf = async (root: number, chain: number) => {
          const row = await db
            .selectFrom('audit_roots')
            .select('heads')
            .where('seq', '=', root)
            .executeTakeFirstOrThrow();
          return (JSON.parse(row.heads) as [number, number, string][])[chain]?.[1] as number;
        };
        return {
          db,
          http,
          key,
          a,
          b,
          chainA: chainOf(a.subjectId, 16),
          chainB: chainOf(b.subjectId, 16),
          entries: start.length + 2 * batches,
          headOf,
        };
      }

      it("puts each subject's entries on its own chain; every chain and root verifies", async () => {
        const { db, http, a, b, chainA, chainB, entries } = await twoChains(3);
        const rows = await db.selectFrom('audit_log').select(['chain', 'seq', 'subject_id']).execute();
        expect(
          rows.filter((r) => r.subject_id === a.subjectId).every((r) => Number(r.chain) === chainA),
        ).toBe(true);
        expect(
          rows.filter((r) => r.subject_id === b.subjectId).every((r) => Number(r.chain) === chainB),
        ).toBe(true);
        expect(await verifyAudit(db)).toEqual({ ok: true, entries, chains: 16, roots: 3 });
        // Through the admin API: nothing moved since the last root, so none is added.
        const res = await http.call('GET', '/v1/admin/audit/verify', { token: ADMIN_TOKEN });
        expect(res.json).toEqual({ ok: true, entries, chains: 16, roots: 3 });
      });

      it('publishes the roots without auth, in pages, and they verify with the JWKS alone', async () => {
        const { http, chainA, headOf } = await twoChains(4);
        const first = await http.call('GET', '/v1/audit/roots?limit=2');
        expect(first.status).toBe(200);
        expect(first.json.roots.map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
        expect(first.json.nextCursor).toBe('2');
        const second = await http.call('GET', `/v1/audit/roots?limit=2&cursor=${first.json.nextCursor}`);
        expect(second.json.roots.map((r: { seq: number }) => r.seq)).toEqual([3, 4]);
        expect(second.json.nextCursor).toBeNull();
        expect((await http.call('GET', '/v1/audit/roots?limit=0')).status).toBe(400);
        const { keys } = (await http.call('GET', '/.well-known/jwks.json')).json;
        let prev = GENESIS_HASH;
        for (const root of [...first.json.roots, ...second.json.roots]) {
          const jwk = keys.find(
            (k: { kid: string }) => k.kid === JSON.parse(atob(root.jws.split('.')[0])).kid,
          );
          const { payload, protectedHeader } = await compactVerify(root.jws, await importJWK(jwk, 'EdDSA'));
          expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'coreitsm-audit-root+jws' });
          const text = new TextDecoder().decode(payload);
          expect(JSON.parse(text)).toEqual({
            typ: 'coreitsm.audit-root',
            seq: root.seq,
            createdAt: root.createdAt,
            chains: 16,
            merkleRoot: merkleRoot(root.heads),
            prev,
          });
          expect(sha256(text).toString('hex')).toBe(root.hash);
          expect(root.heads).toHaveLength(16);
          prev = root.hash;
        }
        // Each root names the chain's head as it was then: one batch further each time.
        expect(second.json.roots[1].heads[chainA]).toMatchObject({
          chain: chainA,
          seq: await headOf(4, chainA),
        });
        expect(await headOf(4, chainA)).toBe((await headOf(3, chainA)) + 1);
      });

      it('names the chain and entry of a row tampered with in one chain', async () => {
        const { db, chainB, headOf } = await twoChains(3);
        const seq = await headOf(2, chainB);
        await db
          .updateTable('audit_log')
          .set({ data: '{"ids":[]}' })
          .where('chain', '=', chainB)
          .where('seq', '=', seq)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, chain: chainB, firstBadEntry: seq });
      });

      it('finds an entry removed between two roots even with the rest of the chain rehashed', async () => {
        const { db, chainA, headOf } = await twoChains(3);
        // The entry root 2 names goes, and the next one takes its seq.
        await removeAndRehash(db, chainA, await headOf(2, chainA));
        expect(await verifyAudit(db)).toMatchObject({
          ok: false,
          chain: chainA,
          firstBadEntry: (await headOf(1, chainA)) + 1,
          badRoot: { seq: 2, problem: 'entries' },
        });
      });

      it('finds the newest entries cut off, head included, below a root', async () => {
        const { db, chainB, headOf } = await twoChains(2);
        const newest = await headOf(2, chainB);
        await db.deleteFrom('audit_log').where('chain', '=', chainB).where('seq', '=', newest).execute();
        const last = await db
          .selectFrom('audit_log')
          .select('hash')
          .where('chain', '=', chainB)
          .where('seq', '=', newest - 1)
          .executeTakeFirstOrThrow();
        await db
          .updateTable('audit_heads')
          .set({ seq: newest - 1, hash: last.hash })
          .where('chain', '=', chainB)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({
          ok: false,
          chain: chainB,
          firstBadEntry: newest,
          badRoot: { seq: 2, problem: 'entries' },
        });
      });

      it('finds a forged root: another key, edited heads, a root removed', async () => {
        const { db } = await twoChains(3);
        const root = await db
          .selectFrom('audit_roots')
          .selectAll()
          .where('seq', '=', 2)
          .executeTakeFirstOrThrow();
        // A consistent root signed with a key the JWKS does not hold.
        const { privateKey } = generateKeyPairSync('ed25519');
        const kid = JSON.parse(Buffer.from(root.jws.split('.')[0] as string, 'base64url').toString()).kid;
        const header = Buffer.from(
          JSON.stringify({ alg: 'EdDSA', kid, typ: 'coreitsm-audit-root+jws' }),
        ).toString('base64url');
        const input = `${header}.${Buffer.from(root.payload).toString('base64url')}`;
        const { sign } = await import('node:crypto');
        const forged = `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
        await db.updateTable('audit_roots').set({ jws: forged }).where('seq', '=', 2).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, badRoot: { seq: 2, problem: 'signature' } });
        await db.updateTable('audit_roots').set({ jws: root.jws }).where('seq', '=', 2).execute();
        expect((await verifyAudit(db)).ok).toBe(true);

        // Heads edited, merkle root and payload recomputed to match, old signature kept.
        const heads = JSON.parse(root.heads) as [number, number, string][];
        const edited = heads.map(([c, s, h]) => [c, s, h === GENESIS_HASH ? h : 'f'.repeat(64)]);
        const tree = merkleRoot(edited.map(([chain, seq, hash]) => ({ chain, seq, hash }) as RootHead));
        const payload = rootPayload({
          seq: 2,
          createdAt: root.created_at,
          chains: 16,
          merkleRoot: tree,
          prev: root.prev_hash,
        });
        await db
          .updateTable('audit_roots')
          .set({
            heads: JSON.stringify(edited),
            merkle_root: tree,
            payload,
            hash: sha256(payload).toString('hex'),
          })
          .where('seq', '=', 2)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, badRoot: { seq: 2, problem: 'signature' } });
        await db
          .updateTable('audit_roots')
          .set({ heads: root.heads, merkle_root: root.merkle_root, payload: root.payload, hash: root.hash })
          .where('seq', '=', 2)
          .execute();

        await db.deleteFrom('audit_roots').where('seq', '=', 2).execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, badRoot: { seq: 2, problem: 'sequence' } });
      });

      it('seals a log that verifies, and only such a log', async () => {
        const { db, key, chainA } = await twoChains(1);
        const { http } = { http: client(testApp(store as TestStore)) };
        const res = await http.call('GET', '/v1/audit/roots');
        expect(res.json.roots).toHaveLength(1);
        await db.updateTable('audit_heads').set({ seq: 99 }).where('chain', '=', chainA).execute();
        expect(await verifyAudit(db, { seal: key })).toMatchObject({ ok: false, chain: chainA });
        expect((await http.call('GET', '/v1/audit/roots')).json.roots).toHaveLength(1);
      });

      it('purges with one entry per chain it deleted from, and the log still verifies', async () => {
        const { db, chainA, chainB } = await twoChains(3);
        const report = await purge(
          db,
          backend.dialect,
          { supersededRecordDays: 0, closedRightsRequestDays: 0 },
          { dryRun: false, now: new Date(Date.now() + 60_000) },
        );
        expect(report.records).toBe(4);
        const entries = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'retention.purged')
          .execute();
        expect(entries.map((e) => Number(e.chain)).sort((x, y) => x - y)).toEqual(
          [chainA, chainB].sort((x, y) => x - y),
        );
        expect(
          entries.every((e) => (JSON.parse(e.data) as { recordIds: string[] }).recordIds.length === 2),
        ).toBe(true);
        expect(await verifyAudit(db)).toMatchObject({ ok: true, roots: 3 });
      });

      it('migrates a single-chain database with entries in it to partitioned chains that verify', async () => {
        store = await backend.open('007-notices');
        const { db, dialect } = store;
        const legacy = client(testApp(store));
        const old = await legacy.newSubject();
        const stay = await legacy.newSubject();
        for (const who of [old, stay]) {
          const res = await legacy.call('POST', '/v1/records', {
            token: who.token,
            body: { records: [makeRecord(who.subjectId), makeRecord(who.subjectId, { siteId: 'status' })] },
          });
          expect(res.status).toBe(200);
        }
        const before = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
        expect(before.every((r) => Number(r.chain) === 0)).toBe(true);

        await migrateToLatest(db, dialect, undefined, { auditChains: 8 });
        // Chain 0 is the old chain, untouched; the new ones start empty.
        expect(await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).toEqual(before);
        const heads = await db.selectFrom('audit_heads').selectAll().orderBy('chain').execute();
        expect(heads.map((h) => Number(h.chain))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: before.length, chains: 8 });

        // The same subjects write on: their entries go to their chains, over the legacy history.
        const http = client(testApp(store, { adminToken: ADMIN_TOKEN }));
        for (const who of [old, stay]) {
          const res = await http.call('POST', '/v1/records', {
            token: who.token,
            body: { records: [makeRecord(who.subjectId)] },
          });
          expect(res.status).toBe(200);
        }
        // An erasure of a subject whose records were logged on chain 0 before the migration.
        const request = await http.call('POST', '/v1/rights-requests', {
          token: old.token,
          body: { kind: 'erasure', jurisdiction: 'gdpr' },
        });
        for (const status of ['verifying', 'in-progress', 'completed']) {
          const res = await http.call('PATCH', `/v1/admin/rights-requests/${request.json.id}`, {
            token: ADMIN_TOKEN,
            body: { status },
          });
          expect(res.status).toBe(200);
        }
        const moved = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('subject_id', '=', old.subjectId)
          .execute();
        expect(
          moved
            .filter((r) => Number(r.chain) !== 0)
            .every((r) => Number(r.chain) === chainOf(old.subjectId, 8)),
        ).toBe(true);
        const key = await loadSigningKey(db, undefined);
        expect(await verifyAudit(db, { seal: key })).toMatchObject({ ok: true, chains: 8, roots: 1 });
        // A purge of legacy rows logs them on their subjects' chains; still verifies.
        await purge(
          db,
          dialect,
          { supersededRecordDays: 0, closedRightsRequestDays: 0 },
          { dryRun: false, now: new Date(Date.now() + 60_000) },
        );
        expect(await verifyAudit(db, { seal: key })).toMatchObject({ ok: true, chains: 8, roots: 2 });
        // And tampering with a legacy row is still found.
        await db
          .updateTable('audit_log')
          .set({ at: '2000-01-01T00:00:00.000Z' })
          .where('chain', '=', 0)
          .where('seq', '=', 2)
          .execute();
        expect(await verifyAudit(db)).toMatchObject({ ok: false, chain: 0, firstBadEntry: 2 });
      });
    },
  );
}
