// SDK benchmark (not a test): our SDK beside vanilla-cookieconsent v3 on the same page, in the same
// Chromium, in the same run, alternating. Per library and run:
//  - first visit: time from script start to the banner rendered, and to the banner readable (fully opaque);
//  - returning visit (after "Accept all"): time from script start to the first consented tag running;
//  - cumulative layout shift (CLS) of both visits; gzip bytes of the JS/CSS each visit loads.
// Run: `npm run build && npm run bench:sdk -w @coreitsm/bench` (BENCH_RUNS, default 15).
// Prints a table and writes bench/results/sdk-<time>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumOrExit } from '../../scripts/find-chromium.mjs';
import { startBenchPages } from './bench-pages.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const executablePath = chromiumOrExit();

/** In the page before anything else: CLS, and the first animation frame in which the banner is rendered / readable. */
function observe() {
  const bench = { shown: null, readable: null, cls: 0 };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const banner = () =>
    document.querySelector('coreconsent-ui')?.shadowRoot?.querySelector('[data-action="accept-all"]') ??
    document.querySelector('#cc-main .cm');
  const opacity = (el) => {
    let value = 1;
    let node = el;
    while (node && node.nodeType === 1) {
      value *= Number(getComputedStyle(node).opacity);
      node = node.parentElement ?? node.getRootNode().host;
    }
    return value;
  };
  const until = performance.now() + 10_000;
  const tick = () => {
    const el = banner();
    if (el) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
        bench.shown ??= performance.now();
        if (opacity(el) >= 0.99) {
          bench.readable = performance.now();
          return;
        }
      }
    }
    if (performance.now() < until) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function trackBytes(page) {
  const bodies = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript|css/.test(type))
      bodies.push(
        response.body().then(
          (b) => gzipSync(b).length,
          () => 0,
        ),
      );
  });
  return async () => (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
}

async function measure(browser, origin, kind) {
  const context = await browser.newContext();
  await context.addInitScript(observe);
  const url = `${origin}/${kind}`;

  const first = await context.newPage();
  const warnings = [];
  context.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text().slice(0, 200));
  });
  const firstBytes = trackBytes(first);
  await first.goto(url);
  await first
    .waitForFunction(() => window.__bench.readable !== null, null, { timeout: 15_000 })
    .catch(async (error) => {
      const seen = await first.evaluate(() => ({ start: window.__benchStart, bench: window.__bench }));
      throw new Error(`${kind}: first visit, no readable banner (${JSON.stringify(seen)}): ${error.message}`);
    });
  await first.waitForTimeout(400); // let late shifts count
  const a = await first.evaluate(() => ({ start: window.__benchStart, ...window.__bench }));
  if (kind === 'ours') {
    await first.locator('coreconsent-ui [data-action="accept-all"]').click();
    // Wait until the SDK reports the record stored (history() reads it back); polled from here
    // because waitForFunction does not await a promise-returning predicate.
    for (
      let tries = 0;
      (await first.evaluate(async () => (await window.CoreConsent.history()).length)) !== 1;
      tries++
    ) {
      if (tries > 200) throw new Error('ours: the decision never appeared in history()');
      await first.waitForTimeout(25);
    }
  } else {
    await first.locator('#cc-main').getByRole('button', { name: 'Accept all' }).first().click();
    await first.waitForFunction(() => document.cookie.includes('cc_cookie'));
  }
  const bytesFirst = await firstBytes();
  await first.close();

  const again = await context.newPage();
  const againBytes = trackBytes(again);
  await again.goto(url);
  await again
    .waitForFunction(() => typeof window.__benchTag === 'number', null, { timeout: 15_000 })
    .catch(async (error) => {
      const seen = await again.evaluate(async () => ({
        start: window.__benchStart,
        bench: window.__bench,
        storedRecords: window.CoreConsent ? (await window.CoreConsent.history()).length : null,
      }));
      throw new Error(
        `${kind}: returning visit, the consented tag never ran (${JSON.stringify({ ...seen, warnings })}): ${error.message}`,
      );
    });
  await again.waitForTimeout(400);
  const b = await again.evaluate(() => ({
    start: window.__benchStart,
    tag: window.__benchTag,
    ...window.__bench,
  }));
  const bytesReturning = await againBytes();
  await context.close();
  if (b.shown !== null) throw new Error(`${kind}: the banner showed again on the returning visit`);
  return {
    bannerShownMs: a.shown - a.start,
    bannerReadableMs: a.readable - a.start,
    firstVisitCls: a.cls,
    returningTagMs: b.tag - b.start,
    returningCls: b.cls,
    bytesFirst,
    bytesReturning,
  };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const pages = await startBenchPages();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const chromiumVersion = browser.version();
const samples = { ours: [], peer: [] };
const failures = { ours: [], peer: [] };
try {
  // Warm-up (disk cache, JIT); its result is not kept.
  for (const kind of ['ours', 'peer']) await measure(browser, pages.origin, kind).catch(() => undefined);
  for (let i = 0; i < RUNS; i++) {
    for (const kind of i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours']) {
      // A failed run is reported and counted, not averaged away.
      try {
        samples[kind].push(await measure(browser, pages.origin, kind));
      } catch (error) {
        failures[kind].push(String(error.message ?? error).split('\n')[0]);
        console.error(`${kind} run ${i + 1} failed: ${failures[kind].at(-1)}`);
      }
    }
  }
} finally {
  await browser.close();
  await pages.close();
}

const metrics = [
  ['bannerShownMs', 'first visit: script start → banner rendered (ms)'],
  ['bannerReadableMs', 'first visit: script start → banner readable (ms)'],
  ['returningTagMs', 'returning: script start → first consented tag (ms)'],
  ['firstVisitCls', 'first visit: layout shift (CLS)'],
  ['returningCls', 'returning: layout shift (CLS)'],
  ['bytesFirst', 'first visit: JS+CSS loaded (gzip bytes)'],
  ['bytesReturning', 'returning: JS+CSS loaded (gzip bytes)'],
];
const summary = {};
const rows = [];
for (const [key, label] of metrics) {
  const stat = (kind) => {
    const values = samples[kind].map((s) => s[key]);
    return {
      median: quantile(values, 0.5),
      p90: quantile(values, 0.9),
      min: Math.min(...values),
      max: Math.max(...values),
    };
  };
  const ours = stat('ours');
  const peer = stat('peer');
  const ratio = peer.median > 0 ? ours.median / peer.median : null;
  summary[key] = { label, ours, peer, ratio };
  const fmt = (v) =>
    key.endsWith('Cls') ? v.toFixed(4) : key.startsWith('bytes') ? String(Math.round(v)) : v.toFixed(1);
  rows.push([
    label,
    `${fmt(ours.median)} (p90 ${fmt(ours.p90)})`,
    `${fmt(peer.median)} (p90 ${fmt(peer.p90)})`,
    ratio === null ? '—' : `${ratio.toFixed(2)}×`,
  ]);
}
const header = [`metric (median of ${RUNS} runs)`, 'CoreConsent', 'cookieconsent v3', 'ours / peer'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
for (const kind of ['ours', 'peer']) {
  if (failures[kind].length > 0)
    console.log(`${kind}: ${failures[kind].length} failed run(s) (see the JSON)`);
}

const results = new URL('../results/', import.meta.url);
mkdirSync(results, { recursive: true });
const file = new URL(`sdk-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, results);
writeFileSync(
  file,
  `${JSON.stringify({ runs: RUNS, chromium: chromiumVersion, summary, failures, samples, at: new Date().toISOString() }, null, 2)}\n`,
);
console.log(`\nwritten: ${file.pathname}`);
