import { type Choices, PURPOSES, type Purpose } from '@coreitsm/protocol';
import type { Db } from '../db/schema.js';

export interface RateCell {
  granted: number;
  total: number;
}

export interface AdminStats {
  since: string;
  records: number;
  /** Share of records sent with Global Privacy Control on (0..1), and the count. */
  gpc: { records: number; share: number };
  /** purpose → granted/total over the window. */
  byPurpose: Partial<Record<Purpose, RateCell>>;
  /** site → purpose → granted/total. */
  bySite: Record<string, Partial<Record<Purpose, RateCell>>>;
  /** day (YYYY-MM-DD) → site → purpose → granted/total, days ascending. */
  byDay: {
    day: string;
    site: string;
    purposes: Partial<Record<Purpose, RateCell>>;
    gpc: number;
    records: number;
  }[];
  rightsRequests: { open: number; overdue: number; byStatus: Record<string, number>; nextDue: string | null };
}

function add(cells: Partial<Record<Purpose, RateCell>>, choices: Choices): void {
  for (const purpose of PURPOSES) {
    const value = choices[purpose];
    if (value === undefined) continue;
    const cell = cells[purpose] ?? { granted: 0, total: 0 };
    cells[purpose] = cell;
    cell.total += 1;
    if (value === 'granted') cell.granted += 1;
  }
}

/** Consent rates of every decision recorded in the last `days` days, and the rights-request queue. */
export async function adminStats(db: Db, days: number, now = new Date()): Promise<AdminStats> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('consent_records')
    .select(['site_id', 'created_at', 'gpc', 'body'])
    .where('created_at', '>=', since)
    .execute();
  const byPurpose: AdminStats['byPurpose'] = {};
  // Site ids come from clients: a plain object would hand back Object.prototype's members for
  // `constructor`, `toString`… (issue 10, finding 10). A Map has no such keys.
  const bySite = new Map<string, Partial<Record<Purpose, RateCell>>>();
  const byDay = new Map<string, AdminStats['byDay'][number]>();
  let gpc = 0;
  for (const row of rows) {
    const { choices } = JSON.parse(row.body) as { choices: Choices };
    add(byPurpose, choices);
    const site = bySite.get(row.site_id) ?? {};
    bySite.set(row.site_id, site);
    add(site, choices);
    const day = row.created_at.slice(0, 10);
    const key = `${day} ${row.site_id}`;
    const cell = byDay.get(key) ?? { day, site: row.site_id, purposes: {}, gpc: 0, records: 0 };
    byDay.set(key, cell);
    add(cell.purposes, choices);
    cell.records += 1;
    if (Number(row.gpc) === 1) {
      gpc += 1;
      cell.gpc += 1;
    }
  }
  const requests = await db.selectFrom('rights_requests').select(['status', 'due_at']).execute();
  const byStatus = new Map<string, number>();
  let open = 0;
  let overdue = 0;
  let nextDue: string | null = null;
  const nowIso = now.toISOString();
  for (const r of requests) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 'completed' || r.status === 'rejected') continue;
    open += 1;
    if (r.due_at < nowIso) overdue += 1;
    if (nextDue === null || r.due_at < nextDue) nextDue = r.due_at;
  }
  return {
    since,
    records: rows.length,
    gpc: { records: gpc, share: rows.length === 0 ? 0 : gpc / rows.length },
    byPurpose,
    // Object.fromEntries defines own properties, so even "__proto__" would be an ordinary key.
    bySite: Object.fromEntries(bySite),
    byDay: [...byDay.values()].sort((a, b) => (a.day + a.site < b.day + b.site ? -1 : 1)),
    rightsRequests: { open, overdue, byStatus: Object.fromEntries(byStatus), nextDue },
  };
}
