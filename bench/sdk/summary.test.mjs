import { describe, expect, it } from 'vitest';
import { formatTable, quantile, summarize } from './summary.mjs';

/** A run as measure-run.mjs returns it, with only the fields the summary reads. */
const run = ({ bytes = 10_000, readable = 100, tag = 50, script = 20, cls = 0 } = {}) => ({
  first: {
    bytesJsCss: bytes,
    bytesJsCssAfterChoice: bytes,
    bannerReadableMs: readable,
    scriptMs: script,
    taskMs: script,
    cls,
  },
  returning: { bytesJs: bytes, tagMs: tag, scriptMs: script, taskMs: script, cls },
});
const runs = (n, fields) => Array.from({ length: n }, () => run(fields));
const byRate = (perRate) => ({
  1: { ours: [], cookieconsent: [], klaro: [], none: [], ...perRate[1] },
  4: { ours: [], cookieconsent: [], klaro: [], none: [], ...perRate[4] },
});
const row = (rows, id) => rows.find((r) => r.id === id);

describe('quantile', () => {
  it('is nearest-rank: always a measured value', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('summarize', () => {
  it('gives each library its ratio to the best (lowest) peer of the row', () => {
    const rows = summarize(
      byRate({
        1: {
          ours: runs(3, { readable: 60 }),
          cookieconsent: runs(3, { readable: 200 }),
          klaro: runs(3, { readable: 150 }),
        },
      }),
    );
    const banner = row(rows, 'banner1x');
    expect(banner.bestPeer).toBe(150);
    expect(banner.cells.ours.ratio).toBeCloseTo(0.4);
    expect(banner.cells.cookieconsent.ratio).toBeCloseTo(200 / 150);
    expect(banner.cells.klaro.ratio).toBe(1);
    // ≤ 0.5× the fastest peer: 60 ≤ 75.
    expect(banner.aimThreshold).toBe(75);
    expect(banner.aimMet).toBe(true);
  });

  it('misses the 4× banner aim when ours is over 0.75× the fastest peer', () => {
    const rows = summarize(
      byRate({
        4: {
          ours: runs(3, { readable: 80 }),
          cookieconsent: runs(3, { readable: 100 }),
          klaro: runs(3, { readable: 120 }),
        },
      }),
    );
    expect(row(rows, 'banner4x').aimMet).toBe(false);
  });

  it('subtracts the no-CMP page measured at the same rate from main-thread time', () => {
    const rows = summarize(
      byRate({
        1: {
          ours: runs(3, { script: 30 }),
          cookieconsent: runs(3, { script: 50 }),
          klaro: runs(3, { script: 90 }),
          none: runs(3, { script: 10 }),
        },
        4: {
          ours: runs(3, { script: 100 }),
          cookieconsent: runs(3, { script: 100 }),
          klaro: runs(3, { script: 100 }),
          none: runs(3, { script: 40 }),
        },
      }),
    );
    const at1 = row(rows, 'scriptFirst1x');
    expect(at1.baselineMedian).toBe(10);
    expect(at1.cells.ours.value).toBe(20);
    expect(at1.cells.cookieconsent.value).toBe(40);
    // ≤ 0.75× cookieconsent's added time: 20 ≤ 30.
    expect(at1.aimMet).toBe(true);
    const at4 = row(rows, 'scriptFirst4x');
    expect(at4.cells.ours.value).toBe(60);
    expect(at4.aimMet).toBe(false);
  });

  it('pools both rates for bytes and holds them to the absolute budget', () => {
    const rows = summarize(
      byRate({
        1: { ours: runs(2, { bytes: 11_000 }), cookieconsent: runs(2, { bytes: 15_000 }) },
        4: { ours: runs(3, { bytes: 11_000 }), klaro: runs(1, { bytes: 68_000 }) },
      }),
    );
    const first = row(rows, 'firstBytes');
    expect(first.cells.ours.n).toBe(5);
    expect(first.bestPeer).toBe(15_000);
    expect(first.aimMet).toBe(true);
    const returning = row(rows, 'returningBytes');
    expect(returning.aimThreshold).toBe(12_000);
  });

  it('judges CLS by the worst visit, not the median', () => {
    const rows = summarize(
      byRate({ 1: { ours: [run(), run(), run({ cls: 0.02 })], cookieconsent: runs(3), klaro: runs(3) } }),
    );
    const cls = row(rows, 'cls');
    expect(cls.cells.ours.value).toBe(0.02);
    expect(cls.aimMet).toBe(false);
  });

  it('cannot tell an aim without samples of ours, and the table says there were none', () => {
    const rows = summarize(byRate({ 1: { cookieconsent: runs(2), klaro: runs(2) } }));
    const banner = row(rows, 'banner1x');
    expect(banner.cells.ours.n).toBe(0);
    expect(banner.aimMet).toBeNull();
    const table = formatTable(rows, { ours: 'ours', cookieconsent: 'cc', klaro: 'klaro' });
    expect(table).toContain('| nav start → banner visible, 1× CPU | 100.0 ms (1.00×) · p90 100.0 ms');
    expect(table).toMatch(
      /banner visible, 1× CPU \|[^\n]*— \(no runs\) \| ≤ 0\.5× the fastest peer \| \? \|/,
    );
  });
});

describe('another build of ours in the same run (BENCH_BEFORE_SDK)', () => {
  it('gets a column of its own, with its ratio to the best peer, and never counts as a peer or as ours', () => {
    const rows = summarize(
      byRate({
        1: {
          ours: runs(3, { tag: 40 }),
          before: runs(3, { tag: 80 }),
          cookieconsent: runs(3, { tag: 50 }),
          klaro: runs(3, { tag: 100 }),
        },
      }),
    );
    const tag = row(rows, 'returningTag1x');
    expect(tag.cells.before.value).toBe(80);
    expect(tag.cells.before.ratio).toBeCloseTo(1.6);
    expect(tag.bestPeer).toBe(50);
    expect(tag.aimMet).toBe(true);
    const table = formatTable(rows, {
      cookieconsent: 'cc',
      klaro: 'klaro',
      ours: 'ours',
      before: 'ours before',
    });
    expect(table.split('\n')[0]).toBe('| row | cc | klaro | ours | ours before | aim | met |');
  });

  it('is absent from a run without it', () => {
    const rows = summarize(byRate({ 1: { ours: runs(1), cookieconsent: runs(1), klaro: runs(1) } }));
    expect(Object.keys(rows[0]?.cells ?? {})).toEqual(['cookieconsent', 'klaro', 'ours']);
  });
});
