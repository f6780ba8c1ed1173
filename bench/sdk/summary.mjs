// The table from the samples: one row per measure, each library's median (p90 where the spread matters),
// its ratio to the best peer of that row (lowest; every row is "lower is better"), and whether ours meets the aim.
// Pure: samples in, rows out (sdk-bench.mjs prints them, writes them to JSON and draws them).

/** The libraries in the table, peers first. `none` (the page without a CMP) is only a baseline. */
export const LIBRARIES = ['cookieconsent', 'klaro', 'ours'];
/** The same plus `before` (another build of ours, BENCH_BEFORE_SDK) when the run measured one. */
export const librariesOf = (samplesByRate) =>
  Object.values(samplesByRate).some((byKind) => (byKind.before ?? []).length > 0)
    ? [...LIBRARIES, 'before']
    : LIBRARIES;
/** The libraries a summarized table holds, in column order. */
const kindsOf = (rows) => Object.keys(rows[0]?.cells ?? {});
export const PEERS = ['cookieconsent', 'klaro'];

/**
 * Aims (issue 8): `absolute` = ours ≤ max; `fastest` = ours ≤ max × the best peer; `peer` = ours ≤ max × that peer.
 * `baseline: true` rows subtract the no-CMP page's median at the same rate ("time added").
 */
export const ROWS = [
  {
    id: 'firstBytes',
    label: 'first visit JS+CSS, gzip -9 (everything fetched before the person acts)',
    unit: 'B',
    value: (s) => s.first.bytesJsCss,
    aim: { kind: 'absolute', max: 11_600, text: '≤ 11,600 B' },
  },
  {
    id: 'firstBytesAfterChoice',
    label: 'first visit JS+CSS after "Accept all", gzip -9',
    unit: 'B',
    value: (s) => s.first.bytesJsCssAfterChoice,
    aim: null,
  },
  {
    id: 'returningBytes',
    label: 'returning visit JS, gzip -9',
    unit: 'B',
    value: (s) => s.returning.bytesJs,
    aim: { kind: 'absolute', max: 12_000, text: '≤ 12,000 B' },
  },
  ...[1, 4].map((rate) => ({
    id: `banner${rate}x`,
    label: `nav start → banner visible, ${rate}× CPU`,
    unit: 'ms',
    rate,
    p90: true,
    value: (s) => s.first.bannerReadableMs,
    aim:
      rate === 1
        ? { kind: 'fastest', max: 0.5, text: '≤ 0.5× the fastest peer' }
        : { kind: 'fastest', max: 0.75, text: '≤ 0.75× the fastest peer' },
  })),
  ...[1, 4].map((rate) => ({
    id: `returningTag${rate}x`,
    label: `returning: nav start → first consented tag, ${rate}× CPU`,
    unit: 'ms',
    rate,
    p90: true,
    value: (s) => s.returning.tagMs,
    aim: { kind: 'peer', peer: 'cookieconsent', max: 1, text: '≤ 1.0× cookieconsent' },
  })),
  ...['first', 'returning'].flatMap((visit) =>
    [1, 4].map((rate) => ({
      id: `script${visit === 'first' ? 'First' : 'Returning'}${rate}x`,
      label: `main-thread script time added vs the page without a CMP, ${visit} visit, ${rate}× CPU`,
      unit: 'ms',
      rate,
      baseline: true,
      value: (s) => s[visit].scriptMs,
      aim: { kind: 'peer', peer: 'cookieconsent', max: 0.75, text: '≤ 0.75× cookieconsent' },
    })),
  ),
  ...[1, 4].map((rate) => ({
    id: `taskFirst${rate}x`,
    label: `main-thread task time added (all tasks: parse, style, layout too), first visit, ${rate}× CPU`,
    unit: 'ms',
    rate,
    baseline: true,
    value: (s) => s.first.taskMs,
    aim: null,
  })),
  {
    id: 'cls',
    label: 'CLS, worst of all visits',
    unit: '',
    worst: true,
    value: (s) => Math.max(s.first.cls, s.returning.cls),
    aim: { kind: 'absolute', max: 0, text: '0' },
  },
];

/** Nearest-rank quantile (no interpolation: every figure is one that was measured). */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** The row's values for one library: its samples at the row's rate (all rates for rate-independent rows). */
function valuesOf(row, samplesByRate, kind) {
  const rates = row.rate === undefined ? Object.keys(samplesByRate) : [String(row.rate)];
  return rates
    .flatMap((rate) => samplesByRate[rate]?.[kind] ?? [])
    .map(row.value)
    .filter((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The figure ours must not exceed, in the row's unit (null when it cannot be told: no samples). */
function aimThreshold(aim, cells) {
  if (aim === null) return null;
  if (aim.kind === 'absolute') return aim.max;
  const references = aim.kind === 'peer' ? [cells[aim.peer].value] : PEERS.map((p) => cells[p].value);
  if (references.some((v) => v === null)) return null;
  return aim.max * Math.min(...references);
}

/**
 * @param {Record<string, Record<string, object[]>>} samplesByRate rate → kind → runs
 * @returns one entry per row: per library { value, median, p90, worst, n, ratio }, the best peer, the aim, the
 *   figure ours must stay under and whether it does (null when it cannot be told: no samples).
 */
export function summarize(samplesByRate) {
  return ROWS.map((row) => {
    const base = row.baseline ? quantile(valuesOf(row, samplesByRate, 'none'), 0.5) : 0;
    const cells = {};
    const libraries = librariesOf(samplesByRate);
    for (const kind of libraries) {
      const values = valuesOf(row, samplesByRate, kind);
      const shift = (v) => (v === null || base === null ? null : v - base);
      const median = shift(quantile(values, 0.5));
      const worst = values.length > 0 ? shift(Math.max(...values)) : null;
      cells[kind] = { n: values.length, median, p90: shift(quantile(values, 0.9)), worst };
      cells[kind].value = row.worst ? worst : median;
    }
    const peerValues = PEERS.map((p) => cells[p].value).filter((v) => v !== null);
    const best = peerValues.length > 0 ? Math.min(...peerValues) : null;
    for (const kind of libraries) {
      const v = cells[kind].value;
      cells[kind].ratio = v !== null && best !== null && best > 0 ? v / best : null;
    }
    const threshold = aimThreshold(row.aim ?? null, cells);
    return {
      id: row.id,
      label: row.label,
      unit: row.unit,
      rate: row.rate ?? null,
      baselineMedian: row.baseline ? base : null,
      showP90: row.p90 === true,
      cells,
      bestPeer: best,
      aim: row.aim?.text ?? null,
      aimThreshold: threshold,
      aimMet: threshold === null || cells.ours.value === null ? null : cells.ours.value <= threshold,
    };
  });
}

const number = (value, unit) => {
  if (value === null) return '—';
  if (unit === 'B') return `${Math.round(value).toLocaleString('en-US')} B`;
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  return value.toFixed(4);
};

/** The summary as a Markdown table (also readable as plain text). */
export function formatTable(rows, names) {
  const libraries = kindsOf(rows);
  const header = ['row', ...libraries.map((kind) => names[kind]), 'aim', 'met'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| --- | ${libraries.map(() => '---:').join(' | ')} | ---: | :---: |`,
  ];
  for (const row of rows) {
    const cells = libraries.map((kind) => {
      const c = row.cells[kind];
      if (c.n === 0) return '— (no runs)';
      const signed = row.baselineMedian !== null && c.value !== null && c.value >= 0 ? '+' : '';
      const ratio = c.ratio === null ? '' : ` (${c.ratio.toFixed(2)}×)`;
      const p90 = row.showP90 ? ` · p90 ${number(c.p90, row.unit)}` : '';
      return `${signed}${number(c.value, row.unit)}${ratio}${p90}`;
    });
    const met = row.aimMet === null ? (row.aim === null ? '' : '?') : row.aimMet ? 'yes' : 'no';
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${row.aim ?? ''} | ${met} |`);
  }
  return lines.join('\n');
}
