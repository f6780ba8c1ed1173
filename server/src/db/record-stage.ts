import type { RecordsTable } from './schema.js';

/** A consent_records row waiting to be inserted by its transaction's last statement. */
export type StagedRecord = RecordsTable;

/**
 * PostgreSQL: records a write transaction will insert in its last statement, together with their
 * per-site counts, its audit entries and the chain heads (db/pg-write.ts) — one round trip for every
 * table instead of one per table and per job. A job that stores records stages them here; a later
 * job of the same transaction reads them back (`stored`, `pendingCount`), so it decides exactly as
 * it would had they been inserted already (a duplicate is a duplicate, a limit counts them).
 *
 * Each job writes into a child stage that joins its parent only when the job succeeds, so a job
 * that fails leaves nothing behind (as its savepoint rollback would).
 */
export class RecordStage {
  private readonly rows: StagedRecord[] = [];
  private readonly byId = new Map<string, StagedRecord>();
  /** subject → site → records staged. */
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly parent?: RecordStage) {}

  /** A stage for one job, reading through to this one; `commit` it when the job succeeds. */
  child(): RecordStage {
    return new RecordStage(this);
  }

  add(row: StagedRecord): void {
    this.rows.push(row);
    this.byId.set(row.id, row);
    let sites = this.counts.get(row.subject_id);
    if (!sites) {
      sites = new Map();
      this.counts.set(row.subject_id, sites);
    }
    sites.set(row.site_id, (sites.get(row.site_id) ?? 0) + 1);
  }

  /** The staged row with this id, here or in a parent stage. */
  stored(id: string): StagedRecord | undefined {
    return this.byId.get(id) ?? this.parent?.stored(id);
  }

  /** Records staged for `subjectId` per site, here and in the parent stages. */
  pendingCounts(subjectId: string): Map<string, number> {
    const counts = new Map(this.parent?.pendingCounts(subjectId));
    for (const [site, n] of this.counts.get(subjectId) ?? []) counts.set(site, (counts.get(site) ?? 0) + n);
    return counts;
  }

  /** Hands this (child) stage's rows to its parent: the job succeeded. */
  commit(): void {
    if (!this.parent) throw new Error('RecordStage.commit: a root stage has no parent');
    for (const row of this.rows) this.parent.add(row);
    this.clear();
  }

  /** Takes every staged row out (to insert them now), in the order they were staged. */
  take(): StagedRecord[] {
    const rows = [...this.rows];
    this.clear();
    return rows;
  }

  get size(): number {
    return this.rows.length;
  }

  private clear(): void {
    this.rows.length = 0;
    this.byId.clear();
    this.counts.clear();
  }
}
