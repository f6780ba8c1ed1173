// An SVG bar chart of the summary's ratios (each library's value / the best peer's, per row), with each row's aim
// drawn as a red tick where it can be put on the same scale. Hand-written SVG: a dozen rectangles do not need a
// charting dependency.

const COLORS = { cookieconsent: '#8a8f98', klaro: '#c9a227', ours: '#1f6feb', before: '#9ec5fe' };
const LABEL_W = 430;
const PLOT_W = 420;
const BAR_H = 11;
const ROW_GAP = 14;
const TOP = 56;

const xml = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The aim as a ratio to the best peer (the summary gives it in the row's unit). */
const aimRatio = (row) =>
  row.aimThreshold === null || row.bestPeer === null || row.bestPeer <= 0
    ? null
    : row.aimThreshold / row.bestPeer;

/**
 * @param {ReturnType<import('./summary.mjs').summarize>} rows
 * @param {{ title: string, subtitle: string, names: Record<string, string> }} text
 */
export function ratioChart(rows, { title, subtitle, names }) {
  // The summary's columns: the peers, ours, and `before` when the run measured another build of ours.
  const LIBRARIES = Object.keys(rows[0]?.cells ?? {});
  const plotted = rows.filter((row) => LIBRARIES.some((kind) => row.cells[kind].ratio !== null));
  const rowH = LIBRARIES.length * BAR_H + ROW_GAP;
  // Log scale around 1× (a peer's value): "half" and "twice" are the same distance either side of it.
  const ratios = plotted.flatMap((row) => [...LIBRARIES.map((kind) => row.cells[kind].ratio), aimRatio(row)]);
  const shown = ratios.filter((r) => r !== null && r > 0);
  const lo = 2 ** Math.floor(Math.log2(Math.min(0.5, ...shown)));
  const hi = 2 ** Math.ceil(Math.log2(Math.max(2, ...shown)));
  const x = (ratio) =>
    LABEL_W + ((Math.log2(Math.min(hi, Math.max(lo, ratio))) - Math.log2(lo)) / Math.log2(hi / lo)) * PLOT_W;
  const height = TOP + plotted.length * rowH + 40;
  const width = LABEL_W + PLOT_W + 80;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${xml(title)}</text>`,
    `<text x="10" y="34" fill="#555">${xml(subtitle)}</text>`,
  ];
  LIBRARIES.forEach((kind, i) => {
    const lx = LABEL_W + i * 140;
    parts.push(
      `<rect x="${lx}" y="40" width="10" height="10" fill="${COLORS[kind]}"/>`,
      `<text x="${lx + 14}" y="49">${xml(names[kind])}</text>`,
    );
  });
  const axisY = TOP + plotted.length * rowH;
  for (let tick = lo; tick <= hi; tick *= 2)
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${TOP - 4}" y2="${axisY}" stroke="${tick === 1 ? '#000' : '#ddd'}" stroke-dasharray="${tick === 1 ? '3,3' : '1,2'}"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${axisY + 14}" text-anchor="middle">${tick}×</text>`,
    );
  plotted.forEach((row, r) => {
    const y0 = TOP + r * rowH;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${y0 + (LIBRARIES.length * BAR_H) / 2 + 4}" text-anchor="end">${xml(row.label)}</text>`,
    );
    LIBRARIES.forEach((kind, i) => {
      const ratio = row.cells[kind].ratio;
      if (ratio === null) return;
      const y = y0 + i * BAR_H;
      // A bar from 1× to the ratio: left of the line is better than the best peer, right of it worse.
      const [from, to] = ratio < 1 ? [x(ratio), x(1)] : [x(1), x(ratio)];
      const labelX = ratio < 1 ? from - 4 : to + 4;
      parts.push(
        `<rect x="${from.toFixed(1)}" y="${y}" width="${Math.max(3, to - from).toFixed(1)}" height="${BAR_H - 2}" fill="${COLORS[kind]}"/>`,
        `<text x="${labelX.toFixed(1)}" y="${y + BAR_H - 3}" fill="#333" text-anchor="${ratio < 1 ? 'end' : 'start'}">${ratio.toFixed(2)}×</text>`,
      );
    });
    const aim = aimRatio(row);
    if (aim !== null)
      parts.push(
        `<line x1="${x(aim).toFixed(1)}" x2="${x(aim).toFixed(1)}" y1="${y0 - 2}" y2="${y0 + LIBRARIES.length * BAR_H}" stroke="#d1242f" stroke-width="2"><title>aim ${xml(row.aim)}</title></line>`,
      );
  });
  parts.push(
    `<text x="10" y="${axisY + 30}" fill="#555">Bars: value / best peer's value, log scale (left of 1× = better than the best peer). Red tick: the issue's aim for ours.</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
