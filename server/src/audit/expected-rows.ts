import type { AuditLogTable } from '../db/schema.js';

/** What the audit log says a row must be, and the entry that said it last. */
export interface ExpectedRecord {
  seq: number;
  subjectId: string | null;
  /** The body hash; undefined for a row logged before entries carried hashes (checked for presence only). */
  hash: string | undefined;
  /** The server clock of the write, which is the row's received_at. */
  at: string;
}
export interface ExpectedRequest {
  seq: number;
  subjectId: string | null;
  hash: string | undefined;
  personal: string | undefined;
  status: string;
}
export interface ExpectedStep {
  seq: number;
  subjectId: string | null;
  hash: string | undefined;
  /** Commitment to the note; null when the step was written without one. */
  note: string | null | undefined;
}

/**
 * The rows the audit log vouches for, rebuilt by replaying its entries in order: each write adds
 * its rows, an erasure or a purge removes the ones it removed lawfully. Held in memory (about a
 * hundred bytes per row) for one verification run.
 */
export class ExpectedRows {
  readonly records = new Map<string, ExpectedRecord>();
  readonly requests = new Map<string, ExpectedRequest>();
  readonly steps = new Map<string, ExpectedStep>();
  /** Subjects erased so far: their requests' personal fields and notes may be empty. */
  readonly erased = new Set<string>();
  private readonly recordsOf = new Map<string, Set<string>>();

  static stepKey(requestId: string, step: number): string {
    return `${requestId}/step/${step}`;
  }

  /** Applies one entry (its hash has been checked already, so its data is what was written). */
  apply(entry: AuditLogTable): void {
    const seq = Number(entry.seq);
    const subjectId = entry.subject_id;
    const data = parseData(entry.data);
    switch (entry.action) {
      case 'records.stored': {
        const ids = strings(data.ids);
        const hashes = strings(data.hashes);
        for (const [i, id] of ids.entries())
          this.addRecord(id, { seq, subjectId, hash: hashes[i], at: entry.at });
        break;
      }
      case 'audit.baseline':
        this.applyBaseline(seq, data);
        break;
      case 'rights-request.received': {
        const id = String(data.id);
        this.requests.set(id, {
          seq,
          subjectId,
          hash: optionalString(data.hash),
          personal: optionalString(data.personal),
          status: 'received',
        });
        this.steps.set(ExpectedRows.stepKey(id, 1), {
          seq,
          subjectId,
          hash: optionalString(data.stepHash),
          note: data.stepHash === undefined ? undefined : null,
        });
        break;
      }
      case 'rights-request.status': {
        const id = String(data.id);
        const request = this.requests.get(id);
        if (request) this.requests.set(id, { ...request, seq, status: String(data.to) });
        if (typeof data.step === 'number') {
          this.steps.set(ExpectedRows.stepKey(id, data.step), {
            seq,
            subjectId,
            hash: optionalString(data.stepHash),
            note: optionalString(data.note) ?? null,
          });
        }
        break;
      }
      case 'subject.erased':
        if (subjectId !== null) {
          this.erased.add(subjectId);
          for (const id of this.recordsOf.get(subjectId) ?? []) this.records.delete(id);
          this.recordsOf.delete(subjectId);
        }
        break;
      case 'retention.purged': {
        for (const id of strings(data.recordIds)) this.records.delete(id);
        for (const id of strings(data.requestIds)) {
          this.requests.delete(id);
          for (const key of [...this.steps.keys()]) if (key.startsWith(`${id}/step/`)) this.steps.delete(key);
        }
        break;
      }
    }
  }

  private addRecord(id: string, expected: ExpectedRecord): void {
    this.records.set(id, expected);
    if (expected.subjectId !== null) {
      const ids = this.recordsOf.get(expected.subjectId) ?? new Set<string>();
      ids.add(id);
      this.recordsOf.set(expected.subjectId, ids);
    }
  }

  /** A baseline (migration 003) vouches for every row of a table as it was then; `reset` starts it. */
  private applyBaseline(seq: number, data: Record<string, unknown>): void {
    const rows = Array.isArray(data.rows) ? (data.rows as unknown[][]) : [];
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    if (data.table === 'consent_records') {
      if (data.reset === true) {
        this.records.clear();
        this.recordsOf.clear();
      }
      for (const [id, subjectId, hash, at] of rows) {
        this.addRecord(String(id), {
          seq,
          subjectId: text(subjectId),
          hash: optionalString(hash),
          at: String(at),
        });
      }
    }
    if (data.table === 'rights_requests') {
      if (data.reset === true) this.requests.clear();
      for (const [id, subjectId, hash, personal, status] of rows) {
        this.requests.set(String(id), {
          seq,
          subjectId: text(subjectId),
          hash: optionalString(hash),
          personal: optionalString(personal),
          status: String(status),
        });
      }
    }
    if (data.table === 'rights_request_steps') {
      if (data.reset === true) this.steps.clear();
      for (const [id, step, subjectId, hash, note] of rows) {
        this.steps.set(ExpectedRows.stepKey(String(id), Number(step)), {
          seq,
          subjectId: text(subjectId),
          hash: optionalString(hash),
          note: text(note),
        });
      }
    }
  }
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
