import {
  type CreateRightsRequest,
  type RightsRequestCreated,
  type RightsRequestStatus,
  type RightsRequestView,
  rightsRequestDueAt,
  type UpdateRightsRequest,
} from '@coreitsm/protocol';
import type { Kysely } from 'kysely';
import {
  newSalt,
  noteCommitment,
  personalCommitment,
  rightsRequestHash,
  rightsStepHash,
} from '../audit/body-hash.js';
import type { Database, Db } from '../db/schema.js';
import type { WriteContext } from '../db/write-transaction.js';
import { HttpError } from '../http/errors.js';
import { eraseSubject } from './erase-subject.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';
import { uuidV7 } from './uuid-v7.js';

/** Which status may follow which. `completed` and `rejected` are final. */
export const NEXT_STATUSES: Record<RightsRequestStatus, readonly RightsRequestStatus[]> = {
  received: ['verifying', 'in-progress', 'rejected'],
  verifying: ['in-progress', 'rejected'],
  'in-progress': ['completed', 'rejected'],
  completed: [],
  rejected: [],
};

/**
 * A person rarely has more than a couple of requests open at once; 10 is generous, and caps what
 * one (free, anonymous) subject can add to the queue before someone answers (finding 5).
 */
export const MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT = 10;

export async function createRightsRequest(
  { trx, now, audit }: WriteContext,
  subjectId: string,
  input: CreateRightsRequest,
): Promise<RightsRequestCreated> {
  // Counted inside the write transaction (after its lock), so concurrent requests cannot both slip under.
  const open = await trx
    .selectFrom('rights_requests')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('subject_id', '=', subjectId)
    .where('status', 'not in', ['completed', 'rejected'])
    .executeTakeFirst();
  if (Number(open?.n ?? 0) >= MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT) {
    throw new HttpError(
      'too_many_open_requests',
      `this subject already has ${MAX_OPEN_RIGHTS_REQUESTS_PER_SUBJECT} open rights requests; file another once one is answered`,
    );
  }
  const id = uuidV7(now.getTime());
  const at = now.toISOString();
  const dueAt = rightsRequestDueAt(input.jurisdiction, now);
  const row = {
    id,
    subject_id: subjectId,
    kind: input.kind,
    jurisdiction: input.jurisdiction,
    site_id: input.siteId ?? null,
    contact: input.contact ?? null,
    details: input.details ?? null,
    status: 'received',
    received_at: at,
    due_at: dueAt,
    updated_at: at,
    personal_salt: newSalt(),
  };
  await trx.insertInto('rights_requests').values(row).execute();
  const step = { request_id: id, step: 1, status: 'received', at, note: null, note_salt: null };
  await trx.insertInto('rights_request_steps').values(step).execute();
  // Hashes of what was written; the contact and details only as a salted commitment (finding 3, 11).
  audit('rights-request.received', subjectId, {
    id,
    kind: input.kind,
    jurisdiction: input.jurisdiction,
    dueAt,
    hash: rightsRequestHash(row),
    personal: personalCommitment(row.personal_salt, row.contact, row.details),
    stepHash: rightsStepHash(step),
  });
  return { id, status: 'received', dueAt };
}

async function history(db: Kysely<Database>, id: string): Promise<RightsRequestView['history']> {
  const steps = await db
    .selectFrom('rights_request_steps')
    .select(['status', 'at', 'note'])
    .where('request_id', '=', id)
    .orderBy('step')
    .execute();
  return steps.map((s) => ({
    status: s.status as RightsRequestStatus,
    at: s.at,
    ...(s.note === null ? {} : { note: s.note }),
  }));
}

/** A subject's own request; another subject's id is a 404 (not 403: ids are not confirmed to strangers). */
export async function getRightsRequest(db: Db, subjectId: string, id: string): Promise<RightsRequestView> {
  const row = await db
    .selectFrom('rights_requests')
    .select(['id', 'kind', 'status', 'due_at'])
    .where('id', '=', id)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  if (!row) throw new HttpError('not_found', 'no such rights request');
  return {
    id: row.id,
    kind: row.kind as RightsRequestView['kind'],
    status: row.status as RightsRequestStatus,
    dueAt: row.due_at,
    history: await history(db, id),
  };
}

export interface AdminRightsRequest extends RightsRequestView {
  subjectId: string;
  jurisdiction: string;
  siteId: string | null;
  contact: string | null;
  details: string | null;
  receivedAt: string;
  overdue: boolean;
}

/** One page of the admin queue and the cursor of the next (null on the last page). */
export interface RightsRequestsPage {
  requests: AdminRightsRequest[];
  nextCursor: string | null;
}

/** 100 a page by default: a screenful; 500 at most, the old unpaged cap. */
export const QUEUE_PAGE_DEFAULT = 100;
export const QUEUE_PAGE_MAX = 500;

/**
 * The admin queue by due date (then id), one keyset page at a time, so every request can be
 * reached however many there are and a flood filed by one subject cannot push a genuine one out of
 * sight (issue 10, finding 5). `open` keeps only requests not completed or rejected — exactly the
 * ones `rightsRequests.open` of the stats counts.
 */
export async function listRightsRequests(
  db: Db,
  options: { open?: boolean; cursor?: string | undefined; limit?: number | undefined },
): Promise<RightsRequestsPage> {
  const limit = options.limit ?? QUEUE_PAGE_DEFAULT;
  let query = db.selectFrom('rights_requests').selectAll();
  if (options.open) query = query.where('status', 'not in', ['completed', 'rejected']);
  if (options.cursor) {
    const key = decodeQueueCursor(options.cursor);
    query = query.where((eb) => eb(eb.refTuple('due_at', 'id'), '>', eb.tuple(key.dueAt, key.id)));
  }
  const rows = await query
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const steps = await historiesOf(
    db,
    page.map((row) => row.id),
  );
  const now = new Date().toISOString();
  const last = page.at(-1);
  return {
    requests: page.map((row) => ({
      id: row.id,
      kind: row.kind as RightsRequestView['kind'],
      status: row.status as RightsRequestStatus,
      dueAt: row.due_at,
      history: steps.get(row.id) ?? [],
      subjectId: row.subject_id,
      jurisdiction: row.jurisdiction,
      siteId: row.site_id,
      contact: row.contact,
      details: row.details,
      receivedAt: row.received_at,
      overdue: row.due_at < now && row.status !== 'completed' && row.status !== 'rejected',
    })),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor({ sort: last.due_at, id: last.id }) : null,
  };
}

/** The steps of many requests in one query (not one query per request). */
async function historiesOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, RightsRequestView['history']>> {
  const byRequest = new Map<string, RightsRequestView['history']>();
  if (ids.length === 0) return byRequest;
  const steps = await db
    .selectFrom('rights_request_steps')
    .select(['request_id', 'status', 'at', 'note'])
    .where('request_id', 'in', [...ids])
    .orderBy('request_id')
    .orderBy('step')
    .execute();
  for (const s of steps) {
    const history = byRequest.get(s.request_id) ?? [];
    history.push({
      status: s.status as RightsRequestStatus,
      at: s.at,
      ...(s.note === null ? {} : { note: s.note }),
    });
    byRequest.set(s.request_id, history);
  }
  return byRequest;
}

/** The queue's cursor: (due date, id) of the last request on the page (keyset-cursor.ts). */
function decodeQueueCursor(cursor: string): { dueAt: string; id: string } {
  const { sort, id } = decodeKeysetCursor(cursor);
  return { dueAt: sort, id };
}

/**
 * Moves a request to its next status and records the step. Completing an erasure request erases
 * the subject in the same transaction, so the step and the erasure land together or not at all.
 */
export async function updateRightsRequest(
  ctx: WriteContext,
  id: string,
  update: UpdateRightsRequest,
): Promise<RightsRequestView> {
  const { trx, now, audit } = ctx;
  const row = await trx.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new HttpError('not_found', 'no such rights request');
  const from = row.status as RightsRequestStatus;
  if (!NEXT_STATUSES[from].includes(update.status)) {
    throw new HttpError('invalid_transition', `status cannot go from "${from}" to "${update.status}"`);
  }
  const at = now.toISOString();
  const last = await trx
    .selectFrom('rights_request_steps')
    .select((eb) => eb.fn.max('step').as('step'))
    .where('request_id', '=', id)
    .executeTakeFirst();
  const note = update.note ?? null;
  const step = {
    request_id: id,
    step: Number(last?.step ?? 0) + 1,
    status: update.status,
    at,
    note,
    note_salt: note === null ? null : newSalt(),
  };
  await trx.insertInto('rights_request_steps').values(step).execute();
  await trx
    .updateTable('rights_requests')
    .set({ status: update.status, updated_at: at })
    .where('id', '=', id)
    .execute();
  audit('rights-request.status', row.subject_id, {
    id,
    from,
    to: update.status,
    step: step.step,
    stepHash: rightsStepHash(step),
    ...(step.note_salt !== null && note !== null ? { note: noteCommitment(step.note_salt, note) } : {}),
  });
  if (row.kind === 'erasure' && update.status === 'completed') await eraseSubject(ctx, row.subject_id);
  return {
    id,
    kind: row.kind as RightsRequestView['kind'],
    status: update.status,
    dueAt: row.due_at,
    history: await history(trx, id),
  };
}
