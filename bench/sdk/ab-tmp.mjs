import { chromium } from '@playwright/test';
import { startBenchPages } from './bench-pages.mjs';
import { measureRun } from './measure-run.mjs';
import { CHROMIUM_ARGS } from '../../scripts/find-chromium.mjs';
const RUNS = Number(process.env.RUNS ?? 12);
const pages = await startBenchPages();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const kinds = ['ours', 'before', 'none'];
const s = {};
for (const k of kinds) for (const r of [1, 4]) s[`${k}${r}`] = [];
for (const k of kinds) await measureRun(browser, pages.origin, k, 1).catch(() => undefined);
for (let i = 0; i < RUNS; i++) {
  for (const rate of i % 2 ? [1, 4] : [4, 1])
    for (const k of (i % 2 ? kinds : [...kinds].reverse())) s[`${k}${rate}`].push(await measureRun(browser, pages.origin, k, rate));
  process.stderr.write(`${i + 1} `);
}
await browser.close(); await pages.close();
const med = (a) => { const x = [...a].sort((p, q) => p - q); return x[Math.ceil(x.length / 2) - 1]; };
for (const rate of [1, 4]) {
  const base = (f) => med(s[`none${rate}`].map(f));
  for (const k of ['ours', 'before']) {
    const f1 = (r) => r.first.scriptMs, f2 = (r) => r.returning.scriptMs;
    console.log(`${rate}x ${k}: first script +${(med(s[`${k}${rate}`].map(f1)) - base(f1)).toFixed(1)} returning script +${(med(s[`${k}${rate}`].map(f2)) - base(f2)).toFixed(1)} banner ${med(s[`${k}${rate}`].map((r) => r.first.bannerReadableMs)).toFixed(1)} tag ${med(s[`${k}${rate}`].map((r) => r.returning.tagMs)).toFixed(1)}`);
  }
}
