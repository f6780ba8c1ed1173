import { expect, it } from 'vitest';
import { verifyAudit } from '../audit/verify-audit.js';
import { HttpError } from '../http/errors.js';
import { storeRecords } from '../store/records-store.js';
import { makeRecord } from '../testing/backends.js';
import { describeBackends } from '../testing/describe-backends.js';
import { GroupCommitter } from './group-commit.js';

describeBackends('group commit', (ctx) => {
  it('commits concurrent jobs together; a failing job is rolled back alone, with its audit entries', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, ctx.store.sync, {
      onGroup: (size) => sizes.push(size),
    });
    const { subjectId } = await ctx.http.newSubject();
    const records = Array.from({ length: 6 }, () => makeRecord(subjectId));
    const insert = (i: number) =>
      committer.run(async (job) => {
        const r = records[i] as (typeof records)[number];
        // The real write (row and audit entry with its body hash), so verification can vouch for it.
        await storeRecords(job, subjectId, [r], { recordsPerSubject: 100, sitesPerSubject: 100 });
        if (i === 3) throw new HttpError('conflict', 'job 3 fails after writing');
        return i;
      });
    const settled = await Promise.allSettled(records.map((_, i) => insert(i)));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(sizes).toEqual([6]);
    const stored = await ctx.store.db
      .selectFrom('consent_records')
      .select('id')
      .where('subject_id', '=', subjectId)
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual(
      records
        .filter((_, i) => i !== 3)
        .map((r) => r.id)
        .sort(),
    );
    const audited = await ctx.store.db
      .selectFrom('audit_log')
      .select('data')
      .where('subject_id', '=', subjectId)
      .where('action', '=', 'records.stored')
      .execute();
    expect(audited).toHaveLength(5);
    expect(audited.some((a) => a.data.includes(records[3]?.id as string))).toBe(false);
    expect((await verifyAudit(ctx.store.db)).ok).toBe(true);
  });

  it('survives a job failing with a database error (PostgreSQL would abort the whole transaction without the savepoint)', async () => {
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, ctx.store.sync);
    const results = await Promise.allSettled([
      committer.run(async () => 1),
      committer.run(async ({ trx }) => {
        await trx
          .selectFrom('no_such_table' as never)
          .selectAll()
          .execute();
      }),
      committer.run(async ({ trx }) => trx.selectFrom('subjects').select('id').limit(1).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describeBackends('group commit with staged records', (ctx) => {
  const limits = { recordsPerSubject: 100, sitesPerSubject: 100 };

  it('lets a later job of the group read what an ingest job staged (duplicates, then the tables)', async () => {
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, ctx.store.sync);
    const { subjectId } = await ctx.http.newSubject();
    const record = makeRecord(subjectId);
    const ingest = () =>
      committer.run((job) => storeRecords(job, subjectId, [record], limits), [subjectId], {
        stageAware: true,
      });
    const [first, again, seen] = await Promise.all([
      ingest(),
      ingest(),
      // Not stage-aware: the staged rows are inserted before it runs, so it reads them.
      committer.run(async ({ trx }) =>
        trx.selectFrom('consent_records').select('id').where('id', '=', record.id).execute(),
      ),
    ]);
    expect(first.map((r) => r.status)).toEqual(['stored']);
    expect(again.map((r) => r.status)).toEqual(['duplicate']);
    expect(seen).toEqual([{ id: record.id }]);
    expect((await verifyAudit(ctx.store.db)).ok).toBe(true);
  });

  it('reads what every ingest job of a group needs with the head locks (prefetch): duplicates, conflicts, other subjects', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, ctx.store.sync, {
      onGroup: (size) => sizes.push(size),
    });
    const a = (await ctx.http.newSubject()).subjectId;
    const b = (await ctx.http.newSubject()).subjectId;
    const ingest = (subjectId: string, record: ReturnType<typeof makeRecord>) =>
      committer.run((job) => storeRecords(job, subjectId, [record], limits), [subjectId], {
        stageAware: true,
        prefetch: { subject: subjectId, ids: [record.id] },
      });
    const old = makeRecord(a);
    await ingest(a, old);
    const fresh = makeRecord(a);
    const other = makeRecord(b);
    const settled = await Promise.allSettled([
      ingest(a, old), // stored before: a duplicate, from the table
      ingest(a, fresh), // stored
      ingest(a, fresh), // a duplicate, from the stage
      ingest(a, { ...old, gpc: !old.gpc }), // the same id with other content: 409
      ingest(b, other), // another subject
    ]);
    const statuses = settled.map((s) => (s.status === 'fulfilled' ? s.value.map((r) => r.status) : s.reason));
    expect(statuses.slice(0, 3)).toEqual([['duplicate'], ['stored'], ['duplicate']]);
    expect(statuses[3]).toBeInstanceOf(HttpError);
    expect((statuses[3] as HttpError).status).toBe(409);
    expect(statuses[4]).toEqual(['stored']);
    expect(sizes[1]).toBe(5);
    const stored = await ctx.store.db
      .selectFrom('consent_records')
      .select('id')
      .where('subject_id', 'in', [a, b])
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([old.id, fresh.id, other.id].sort());
    expect((await verifyAudit(ctx.store.db)).ok).toBe(true);
  });

  it('runs the jobs alone again when a job without a savepoint fails with something else than a refusal', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, ctx.store.sync, {
      onGroup: (size) => sizes.push(size),
    });
    const { subjectId } = await ctx.http.newSubject();
    const records = Array.from({ length: 3 }, () => makeRecord(subjectId));
    const settled = await Promise.allSettled(
      records.map((record, i) =>
        committer.run(
          async (job) => {
            const results = await storeRecords(job, subjectId, [record], limits);
            if (i === 1) throw new TypeError('job 1 breaks after staging');
            return results;
          },
          [subjectId],
          { stageAware: true },
        ),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect(sizes[0]).toBe(3);
    const stored = await ctx.store.db
      .selectFrom('consent_records')
      .select('id')
      .where('subject_id', '=', subjectId)
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([records[0]?.id, records[2]?.id].sort());
    expect((await verifyAudit(ctx.store.db)).ok).toBe(true);
  });
});

describeBackends('group commit durability barrier', (ctx) => {
  it('answers a write only after sync() resolved, and rejects it if sync fails', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const gate = () => {
      calls++;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const committer = new GroupCommitter(ctx.store.db, ctx.store.dialect, gate);
    let answered = false;
    const job = committer
      .run(async () => 'done')
      .then((value) => {
        answered = true;
        return value;
      });
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false); // committed, but not yet known to be on disk
    release();
    expect(await job).toBe('done');

    const failing = new GroupCommitter(ctx.store.db, ctx.store.dialect, async () => {
      throw new Error('disk gone');
    });
    await expect(failing.run(async () => 'x')).rejects.toThrow('disk gone');
  });
});
