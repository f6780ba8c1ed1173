// The admin console: plain DOM and SVG, no framework and no build step. It calls the admin API
// only after sign-in, with the token kept in sessionStorage (this tab only). Data from the API is
// written with textContent / attributes, never as HTML.

const PURPOSES = ['functional', 'analytics', 'marketing', 'sale_sharing', 'sensitive_limit'];
const COLORS = {
  functional: '#7c5cff',
  analytics: '#2f80ed',
  marketing: '#f2994a',
  sale_sharing: '#27ae60',
  sensitive_limit: '#eb5757',
  gpc: '#2f80ed',
};
const NEXT = {
  received: ['verifying', 'in-progress', 'rejected'],
  verifying: ['in-progress', 'rejected'],
  'in-progress': ['completed', 'rejected'],
};
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

let token = sessionStorage.getItem('coreconsent-admin-token');

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw Object.assign(new Error(body?.error?.message ?? `HTTP ${res.status}`), { status: res.status });
  return body;
}

function el(tag, attrs = {}, text) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const pct = (cell) => (cell && cell.total > 0 ? cell.granted / cell.total : null);
const fmtPct = (v) => (v === null ? '–' : `${Math.round(v * 100)}%`);

function legend(keys) {
  const box = el('div', { class: 'legend' });
  for (const key of keys) {
    const item = el('span', {}, key);
    const swatch = el('i');
    swatch.style.background = COLORS[key] ?? '#888'; // CSSOM, not a style attribute: allowed by the CSP
    item.prepend(swatch);
    box.append(item);
  }
  return box;
}

/** Horizontal bars: one row per label, value 0..1. */
function barChart(target, rows) {
  const width = 560;
  const rowHeight = 26;
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 10}`, role: 'img' });
  rows.forEach((row, i) => {
    const y = i * rowHeight + 4;
    svg.append(el('svg:text', { x: 0, y: y + 15 }, row.label));
    svg.append(el('svg:rect', { x: 130, y, width: 300, height: 18, fill: 'none', class: 'axis' }));
    if (row.value !== null)
      svg.append(
        el('svg:rect', {
          x: 130,
          y,
          width: Math.max(1, 300 * row.value),
          height: 18,
          fill: row.color,
          rx: 2,
        }),
      );
    svg.append(
      el(
        'svg:text',
        { x: 438, y: y + 15 },
        `${fmtPct(row.value)}${row.n === undefined ? '' : ` of ${row.n}`}`,
      ),
    );
  });
  target.replaceChildren(svg);
  if (rows.length === 0) target.replaceChildren(el('p', {}, 'No decisions in this window.'));
}

/** Lines over days, values 0..1, one series per key. */
function lineChart(target, days, series) {
  if (days.length === 0) return target.replaceChildren(el('p', {}, 'No decisions in this window.'));
  const [w, h, left, bottom] = [1000, 220, 40, 24];
  const x = (i) => left + (days.length === 1 ? (w - left) / 2 : (i * (w - left - 10)) / (days.length - 1));
  const y = (v) => 8 + (1 - v) * (h - bottom - 8);
  const svg = el('svg:svg', { viewBox: `0 0 ${w} ${h}`, role: 'img' });
  for (const v of [0, 0.5, 1]) {
    svg.append(el('svg:line', { x1: left, x2: w, y1: y(v), y2: y(v), class: 'axis' }));
    svg.append(el('svg:text', { x: 0, y: y(v) + 4 }, fmtPct(v)));
  }
  const step = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    if (i % step === 0) svg.append(el('svg:text', { x: x(i) - 18, y: h - 6 }, day.slice(5)));
  });
  for (const [key, values] of Object.entries(series)) {
    const points = values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean);
    if (points.length === 0) continue;
    svg.append(
      el('svg:polyline', {
        points: points.join(' '),
        fill: 'none',
        stroke: COLORS[key] ?? '#888',
        'stroke-width': 2,
      }),
    );
    values.forEach((v, i) => {
      if (v !== null) svg.append(el('svg:circle', { cx: x(i), cy: y(v), r: 3, fill: COLORS[key] ?? '#888' }));
    });
  }
  target.replaceChildren(svg, legend(Object.keys(series)));
}

function merge(cells, into) {
  for (const [purpose, cell] of Object.entries(cells)) {
    const sum = into[purpose] ?? { granted: 0, total: 0 };
    into[purpose] = sum;
    sum.granted += cell.granted;
    sum.total += cell.total;
  }
  return into;
}

function renderStats(stats) {
  const site = $('site').value;
  const sites = Object.keys(stats.bySite).sort();
  const select = $('site');
  const current = select.value;
  select.replaceChildren(
    el('option', { value: '' }, 'all sites'),
    ...sites.map((s) => el('option', { value: s }, s)),
  );
  select.value = sites.includes(current) ? current : '';

  const dayRows = stats.byDay.filter((d) => !site || d.site === site);
  const records = dayRows.reduce((n, d) => n + d.records, 0);
  const gpc = dayRows.reduce((n, d) => n + d.gpc, 0);
  const tiles = [
    [String(records), `decisions in ${$('days').value} days${site ? ` on ${site}` : ''}`],
    [fmtPct(records ? gpc / records : null), 'sent with GPC'],
    [String(stats.rightsRequests.open), 'open rights requests'],
    [String(stats.rightsRequests.overdue), 'overdue rights requests'],
    [stats.rightsRequests.nextDue ? stats.rightsRequests.nextDue.slice(0, 10) : '–', 'next due date'],
  ];
  $('tiles').replaceChildren(
    ...tiles.map(([value, label]) => {
      const tile = el('div', { class: 'tile' });
      tile.append(el('b', {}, value), el('span', {}, label));
      return tile;
    }),
  );

  const totals = site ? (stats.bySite[site] ?? {}) : stats.byPurpose;
  barChart(
    $('chart-purpose'),
    PURPOSES.filter((p) => totals[p]).map((p) => ({
      label: p,
      value: pct(totals[p]),
      n: totals[p].total,
      color: COLORS[p],
    })),
  );
  barChart(
    $('chart-site'),
    sites.flatMap((s) =>
      ['analytics', 'marketing']
        .filter((p) => stats.bySite[s][p])
        .map((p) => ({
          label: `${s} · ${p}`,
          value: pct(stats.bySite[s][p]),
          n: stats.bySite[s][p].total,
          color: COLORS[p],
        })),
    ),
  );

  const days = [...new Set(dayRows.map((d) => d.day))].sort();
  const perDay = days.map((day) =>
    dayRows.filter((d) => d.day === day).reduce((acc, d) => merge(d.purposes, acc), {}),
  );
  const series = {};
  for (const p of PURPOSES)
    if (perDay.some((cells) => cells[p])) series[p] = perDay.map((cells) => pct(cells[p]));
  lineChart($('chart-day'), days, series);
  lineChart($('chart-gpc'), days, {
    gpc: days.map((day) => {
      const rows = dayRows.filter((d) => d.day === day);
      const n = rows.reduce((s, d) => s + d.records, 0);
      return n ? rows.reduce((s, d) => s + d.gpc, 0) / n : null;
    }),
  });
}

function renderRequests(requests) {
  const now = new Date().toISOString();
  $('requests-empty').hidden = requests.length > 0;
  $('requests').replaceChildren(
    ...requests.map((r) => {
      const row = el('tr');
      row.append(
        el(
          'td',
          r.dueAt < now ? { class: 'overdue' } : {},
          `${r.dueAt.slice(0, 10)}${r.dueAt < now ? ' (overdue)' : ''}`,
        ),
        el('td', {}, r.kind),
        el('td', {}, r.jurisdiction),
        el('td', {}, r.siteId ?? '–'),
        el('td', {}, r.status),
        el('td', {}, r.receivedAt.slice(0, 10)),
      );
      const actions = el('td');
      for (const status of NEXT[r.status] ?? []) {
        const button = el('button', { type: 'button' }, status);
        button.addEventListener('click', async () => {
          const warning =
            r.kind === 'erasure' && status === 'completed'
              ? '\n\nCompleting an erasure deletes the subject’s records.'
              : '';
          if (!confirm(`Move this ${r.kind} request to "${status}"?${warning}`)) return;
          try {
            await api(`/v1/admin/rights-requests/${encodeURIComponent(r.id)}`, {
              method: 'PATCH',
              body: JSON.stringify({ status }),
            });
            await load();
          } catch (error) {
            alert(error.message);
          }
        });
        actions.append(button, ' ');
      }
      row.append(actions);
      return row;
    }),
  );
}

/** The open queue, page by page (the API pages by due date), up to a few thousand rows. */
async function openQueue() {
  const requests = [];
  let cursor = null;
  do {
    const page = await api(
      `/v1/admin/rights-requests?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    requests.push(...page.requests);
    cursor = page.nextCursor;
  } while (cursor && requests.length < 5000);
  return requests;
}

let lastStats;
async function load() {
  try {
    const [stats, requests] = await Promise.all([
      api(`/v1/admin/stats?days=${$('days').value}`),
      openQueue(),
    ]);
    lastStats = stats;
    renderStats(stats);
    renderRequests(requests);
  } catch (error) {
    if (error.status === 401 || error.status === 404) return signOut(error.message);
    alert(error.message);
  }
}

function show(signedIn) {
  $('sign-in').hidden = signedIn;
  $('dashboard').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
}

function signOut(message = '') {
  token = null;
  sessionStorage.removeItem('coreconsent-admin-token');
  $('sign-in-error').textContent = message;
  show(false);
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  token = $('token').value;
  try {
    await api('/v1/admin/audit/verify');
    sessionStorage.setItem('coreconsent-admin-token', token);
    $('token').value = '';
    $('sign-in-error').textContent = '';
    show(true);
    await load();
  } catch (error) {
    signOut(error.status === 401 ? 'That token is not valid.' : error.message);
  }
});
$('sign-out').addEventListener('click', () => signOut());
$('refresh').addEventListener('click', load);
$('days').addEventListener('change', load);
$('site').addEventListener('change', () => lastStats && renderStats(lastStats));
$('verify').addEventListener('click', async () => {
  $('verify-result').textContent = 'verifying…';
  try {
    const result = await api('/v1/admin/audit/verify');
    $('verify-result').textContent = result.ok
      ? `audit log intact (${result.entries} entries in ${result.chains} chains, ${result.roots} signed roots)`
      : result.firstBadRecord
        ? `audit log does NOT match the data: ${result.firstBadRecord.table} ${result.firstBadRecord.id} ${result.firstBadRecord.problem}`
        : result.firstBadEntry === undefined
          ? `signed audit root ${result.badRoot?.seq} FAILS: ${result.badRoot?.problem}`
          : `audit log BROKEN at chain ${result.chain} entry ${result.firstBadEntry}${result.badRoot ? ` (not what signed root ${result.badRoot.seq} names)` : ''}`;
  } catch (error) {
    $('verify-result').textContent = error.message;
  }
});

if (token) {
  show(true);
  void load();
} else {
  show(false);
}
