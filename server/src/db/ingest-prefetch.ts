import { literal } from './named-statements.js';

/** What an ingest job will read first (WriteOptions.prefetch): its subject and its record ids. */
export interface IngestPrefetch {
  subject: string;
  ids: readonly string[];
}

/**
 * PostgreSQL: what every ingest job of a write transaction reads first (the subject's row, which of
 * its ids are stored, the subject's per-site counts), for all the jobs at once, read by the statement
 * that follows the head locks in the transaction's first round trip (audit-log.ts,
 * beginLockingHeadsPg): one round trip and one statement for the group, where each job used to send
 * its own read. The statement runs after the locks are granted, so it sees every write committed
 * before them, as the job's own read did. Values go in as E'' literals (named-statements.ts).
 */
export class IngestState {
  private readonly subjects = new Map<string, { erased_at: string | null; token_hash: string | null }>();
  private readonly stored = new Map<string, { id: string; body: string; receipt: string | null }>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly coveredSubjects = new Set<string>();
  private readonly coveredIds = new Set<string>();

  constructor(prefetches: readonly IngestPrefetch[], row: Record<string, unknown> | undefined) {
    for (const { subject, ids } of prefetches) {
      this.coveredSubjects.add(subject);
      for (const id of ids) this.coveredIds.add(id);
    }
    const list = <T>(value: unknown) => (Array.isArray(value) ? (value as T[]) : []);
    for (const s of list<{ id: string; erased_at: string | null; token_hash: string | null }>(row?.subjects))
      this.subjects.set(s.id, { erased_at: s.erased_at, token_hash: s.token_hash });
    for (const r of list<{ id: string; body: string; receipt: string | null }>(row?.stored))
      this.stored.set(r.id, { id: r.id, body: r.body, receipt: r.receipt });
    for (const c of list<{ subject_id: string; site_id: string; records: number | string }>(row?.counts)) {
      let sites = this.counts.get(c.subject_id);
      if (!sites) {
        sites = new Map();
        this.counts.set(c.subject_id, sites);
      }
      sites.set(c.site_id, Number(c.records));
    }
  }

  /** Whether this read covered `subject` and all of `ids` (else the job reads for itself). */
  covers(subject: string, ids: readonly string[]): boolean {
    return this.coveredSubjects.has(subject) && ids.every((id) => this.coveredIds.has(id));
  }

  subject(id: string) {
    return this.subjects.get(id);
  }

  storedRows(ids: readonly string[]) {
    const rows = [];
    for (const id of ids) {
      const row = this.stored.get(id);
      if (row) rows.push({ ...row });
    }
    return rows;
  }

  /** The subject's per-site counts (a copy). */
  countsOf(subject: string): Map<string, number> {
    return new Map(this.counts.get(subject));
  }
}

/** The select list of the prefetch statement (columns subjects, stored, counts: json arrays). */
export function ingestPrefetchSql(prefetches: readonly IngestPrefetch[]): string {
  const subjects = literal([...new Set(prefetches.map((p) => p.subject))]);
  const ids = literal([...new Set(prefetches.flatMap((p) => p.ids))]);
  return `(select coalesce(json_agg(json_build_object('id', id, 'erased_at', erased_at, 'token_hash', token_hash)), '[]') from subjects where id = any(${subjects}::text[])) as subjects,
(select coalesce(json_agg(json_build_object('id', id, 'body', body, 'receipt', receipt)), '[]') from consent_records where id = any(${ids}::text[])) as stored,
(select coalesce(json_agg(json_build_object('subject_id', subject_id, 'site_id', site_id, 'records', records)), '[]') from subject_site_counts where subject_id = any(${subjects}::text[])) as counts`;
}
