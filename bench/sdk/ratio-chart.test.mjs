import { describe, expect, it } from 'vitest';
import { ratioChart } from './ratio-chart.mjs';
import { summarize } from './summary.mjs';

const run = (readable) => ({
  first: {
    bytesJsCss: 1,
    bytesJsCssAfterChoice: 1,
    bannerReadableMs: readable,
    scriptMs: 1,
    taskMs: 1,
    cls: 0,
  },
  returning: { bytesJs: 1, tagMs: 1, scriptMs: 1, taskMs: 1, cls: 0 },
});
const rows = summarize({
  1: { ours: [run(50)], cookieconsent: [run(100)], klaro: [run(400)], none: [run(0)] },
  4: { ours: [], cookieconsent: [], klaro: [], none: [] },
});
const names = { ours: 'ours <dev>', cookieconsent: 'cookieconsent 3.1.0', klaro: 'klaro 0.7.22' };

describe('ratioChart', () => {
  const svg = ratioChart(rows, { title: 'ratios & aims', subtitle: 'test', names });

  it('is one SVG document with escaped text', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('ratios &amp; aims');
    expect(svg).toContain('ours &lt;dev&gt;');
    expect(svg).not.toContain('<dev>');
  });

  it('labels every ratio and draws the aim of the banner row', () => {
    for (const label of ['0.50×', '1.00×', '4.00×']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('<title>aim ≤ 0.5× the fastest peer</title>');
  });
});
