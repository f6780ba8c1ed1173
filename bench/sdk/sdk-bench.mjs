// SDK benchmark (not a test), issue 8: our SDK beside vanilla-cookieconsent and klaro on the same page, in the same
// Chromium, in one interleaved run, at 1× and 4× CPU (CDP Emulation.setCPUThrottlingRate), with the same page
// without any CMP as the baseline for main-thread time. Per library, rate and run (fresh context each):
//  - first visit: nav start → banner visible (animation frame, effective opacity ≥ 0.99); gzip -9 bytes of every
//    JS/CSS body fetched before the person acts (network quiet) and after "Accept all"; main-thread time;
//  - returning visit: nav start → the consented tag runs; gzip -9 bytes of the JS fetched; main-thread time;
//  - CLS of both visits.
// Run: `npm run build && npm run bench:sdk` (BENCH_RUNS, default 20, per library and rate).
// Prints the table, writes bench/results/sdk-<time>.json, .md (the table) and .svg (the ratios).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumOrExit } from '../../scripts/find-chromium.mjs';
import { BEFORE_SDK, KINDS, startBenchPages } from './bench-pages.mjs';
import { measureRun } from './measure-run.mjs';
import { ratioChart } from './ratio-chart.mjs';
import { formatTable, summarize } from './summary.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const RATES = [1, 4];
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`);
  process.exit(2);
}
const executablePath = chromiumOrExit();

const require = createRequire(new URL('../package.json', import.meta.url));
const versionOf = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
// The last commit of what the SDK build is made from (sdk/ and the protocol it bundles), "+dirty" with local changes.
const ourCommit = (() => {
  const root = new URL('../../', import.meta.url);
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    const commit = git('log', '-1', '--format=%h', '--', 'sdk', 'protocol');
    return git('status', '--porcelain', '--', 'sdk', 'protocol') === '' ? commit : `${commit}+dirty`;
  } catch {
    return 'unknown';
  }
})();
const ourVersion = JSON.parse(
  readFileSync(new URL('../../sdk/package.json', import.meta.url), 'utf8'),
).version;
const libraries = {
  ours: { name: '@coreitsm/sdk', version: ourVersion, commit: ourCommit },
  cookieconsent: { name: 'vanilla-cookieconsent', version: versionOf('vanilla-cookieconsent') },
  klaro: { name: 'klaro', version: versionOf('klaro') },
  none: { name: 'the same page without a CMP', version: null },
};
// BENCH_BEFORE_SDK: another build of ours in the same run (bench-pages.mjs), named by its checkout's commit.
if (BEFORE_SDK) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['log', '-1', '--format=%h'], { cwd: BEFORE_SDK, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout: the path names it
  }
  libraries.before = { name: '@coreitsm/sdk', path: BEFORE_SDK, commit };
}
const names = {
  before: `ours before (${libraries.before?.commit ?? '—'})`,
  ours: `ours (${ourVersion}, ${ourCommit})`,
  cookieconsent: `cookieconsent ${libraries.cookieconsent.version}`,
  klaro: `klaro ${libraries.klaro.version}`,
};
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  node: process.version,
  loadAverageAtStart: loadavg().map((v) => Number(v.toFixed(2))),
};

const pages = await startBenchPages();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const chromiumVersion = browser.version();
/** rate → kind → runs; the same for failures (a failed run is reported and counted, never averaged away). */
const samples = Object.fromEntries(
  RATES.map((rate) => [rate, Object.fromEntries(KINDS.map((k) => [k, []]))]),
);
const failures = Object.fromEntries(
  RATES.map((rate) => [rate, Object.fromEntries(KINDS.map((k) => [k, []]))]),
);
const startedAt = new Date();
try {
  // Warm-up (disk cache, JIT, the server's first reads); its results are not kept.
  for (const kind of KINDS) await measureRun(browser, pages.origin, kind, 1).catch(() => undefined);
  for (let i = 0; i < RUNS; i++) {
    // Interleaved: every run measures every library at both rates, the order rotated each run, so drift in the
    // machine's load (it is shared) spreads over all of them alike.
    const rates = i % 2 === 0 ? RATES : [...RATES].reverse();
    for (const rate of rates) {
      const order = KINDS.map((_, j) => KINDS[(i + j) % KINDS.length]);
      for (const kind of order) {
        try {
          samples[rate][kind].push(await measureRun(browser, pages.origin, kind, rate));
        } catch (error) {
          failures[rate][kind].push(String(error?.message ?? error).split('\n')[0]);
          console.error(`${kind} ${rate}× run ${i + 1} failed: ${failures[rate][kind].at(-1)}`);
        }
      }
    }
    process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
  }
} finally {
  await browser.close();
  await pages.close();
}
machine.loadAverageAtEnd = loadavg().map((v) => Number(v.toFixed(2)));

const rows = summarize(samples);
const table = formatTable(rows, names);
const failureLines = RATES.flatMap((rate) =>
  KINDS.filter((kind) => failures[rate][kind].length > 0).map(
    (kind) =>
      `${kind} at ${rate}×: ${failures[rate][kind].length} of ${RUNS} runs failed (first: ${failures[rate][kind][0]})`,
  ),
);
const about = [
  `${RUNS} runs per library and CPU rate (first + returning visit each), medians (nearest rank); ratio = value / best peer's.`,
  `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, headless Chromium ${chromiumVersion}, ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, load average ${machine.loadAverageAtStart[0]} → ${machine.loadAverageAtEnd[0]}.`,
];
console.log(`\n${about.join('\n')}\n\n${table}\n`);
console.log(failureLines.length > 0 ? failureLines.join('\n') : 'failed runs: none');

const results = new URL('../results/', import.meta.url);
mkdirSync(results, { recursive: true });
const stem = `sdk-${startedAt.toISOString().replace(/[:.]/g, '-')}`;
const json = new URL(`${stem}.json`, results);
writeFileSync(
  json,
  `${JSON.stringify(
    {
      at: startedAt.toISOString(),
      runs: RUNS,
      rates: RATES,
      chromium: chromiumVersion,
      machine,
      libraries,
      rows,
      failures,
      samples,
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  new URL(`${stem}.md`, results),
  `${about.join('\n')}\n\n${table}\n\n${failureLines.join('\n')}\n`,
);
writeFileSync(
  new URL(`${stem}.svg`, results),
  ratioChart(rows, {
    title: `CoreITsm SDK vs ${names.cookieconsent} and ${names.klaro}: ratios to the best peer`,
    subtitle: about[1],
    names,
  }),
);
console.log(`\nwritten: ${json.pathname} (+ .md, .svg)`);
