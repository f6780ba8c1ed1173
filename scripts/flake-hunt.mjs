// Flake hunt: run the unit suite (and optionally the e2e suite) many times and tally every failure with
// the fast-check seed and path it printed, so each one can be replayed as a regular test.
//
//   node scripts/flake-hunt.mjs [--runs 30] [--e2e 5] [--out .tmp/flake-hunt.json]
//
// Each unit run starts Vitest afresh, so fast-check draws new random seeds every time (nothing is fixed
// here). The e2e runs need a built tree (`npm run build`, which runs `tsc -b` first) and a Chromium
// (scripts/find-chromium.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    e2e: { type: 'string', default: '0' },
    out: { type: 'string', default: '.tmp/flake-hunt.json' },
  },
});
const unitRuns = Number(values.runs);
const e2eRuns = Number(values.e2e);
if (!Number.isInteger(unitRuns) || unitRuns < 0 || !Number.isInteger(e2eRuns) || e2eRuns < 0) {
  console.error('flake-hunt: --runs and --e2e take whole numbers');
  process.exit(2);
}
mkdirSync('.tmp', { recursive: true });

/** fast-check prints `{ seed: -123, path: "4:0:1", endOnFailure: true }` in every property failure. */
const SEED = /seed:\s*(-?\d+),\s*path:\s*"([^"]*)"/;

/** One failure as the tally keeps it: which test, the first line of its error, and the seed to replay. */
function failureOf(name, messages) {
  const text = messages.join('\n');
  const seed = SEED.exec(text);
  const firstLine =
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 200) ?? '';
  return { test: name, error: firstLine, ...(seed ? { seed: Number(seed[1]), path: seed[2] } : {}) };
}

function runUnit(i) {
  const report = resolve(`.tmp/flake-hunt-unit-${i}.json`);
  rmSync(report, { force: true });
  const started = Date.now();
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(report)) {
    // Vitest itself crashed: keep its output's tail, that is the failure.
    return {
      seconds,
      exit: result.status,
      failures: [{ test: '(vitest crashed)', error: result.stderr.slice(-400) }],
    };
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failures = [];
  for (const file of json.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'failed')
        failures.push(
          failureOf(`${file.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}`, test.failureMessages),
        );
    }
    // A file that failed to load or threw outside a test has no failed assertion, only a message.
    if (file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed')) {
      failures.push(failureOf(file.name.replace(`${process.cwd()}/`, ''), [file.message ?? '']));
    }
  }
  if (result.status !== 0 && failures.length === 0)
    failures.push({ test: '(vitest exited non-zero)', error: result.stderr.slice(-400) });
  return { seconds, exit: result.status, passed: json.numPassedTests, failures };
}

function runE2e(i, chromium) {
  const report = resolve(`.tmp/flake-hunt-e2e-${i}.json`);
  rmSync(report, { force: true });
  const started = Date.now();
  const result = spawnSync(
    'npx',
    ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=dot,json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    },
  );
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(report)) {
    return {
      seconds,
      exit: result.status,
      failures: [{ test: '(playwright crashed)', error: result.stderr.slice(-400) }],
    };
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failures = [];
  // Suites nest (file → describe → …); a spec whose test was not "expected" failed, and "flaky" means it
  // passed only on a retry, which counts as a failure here.
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const errors = test.results.flatMap((r) => (r.error?.message ? [r.error.message] : []));
          failures.push({
            ...failureOf(`${[...trail, spec.title].join(' > ')}`, errors),
            status: test.status,
          });
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const suite of json.suites) walk(suite, [suite.title]);
  // Errors outside any test (a harness that cannot start, no tests found) fail the run too.
  for (const error of json.errors ?? [])
    failures.push({ test: '(outside a test)', error: String(error.message).slice(0, 200) });
  if (result.status !== 0 && failures.length === 0)
    failures.push({ test: '(playwright exited non-zero)', error: result.stderr.slice(-400) });
  return { seconds, exit: result.status, passed: json.stats.expected, failures };
}

const summary = { startedAt: new Date().toISOString(), unit: [], e2e: [] };
const save = () => writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);

for (let i = 1; i <= unitRuns; i++) {
  const run = runUnit(i);
  summary.unit.push(run);
  save();
  const verdict = run.failures.length === 0 ? 'ok' : `${run.failures.length} FAILED`;
  console.log(`unit ${i}/${unitRuns}: ${verdict} (${run.seconds.toFixed(0)} s)`);
  for (const f of run.failures)
    console.log(
      `  ✖ ${f.test}${f.seed !== undefined ? ` [seed ${f.seed}, path "${f.path}"]` : ''}\n    ${f.error}`,
    );
}

if (e2eRuns > 0) {
  const chromium = findChromium();
  if (!chromium) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  for (let i = 1; i <= e2eRuns; i++) {
    const run = runE2e(i, chromium.path);
    summary.e2e.push(run);
    save();
    const verdict = run.failures.length === 0 ? 'ok' : `${run.failures.length} FAILED`;
    console.log(`e2e ${i}/${e2eRuns}: ${verdict} (${run.seconds.toFixed(0)} s)`);
    for (const f of run.failures) console.log(`  ✖ ${f.test} (${f.status})\n    ${f.error}`);
  }
}

const tally = (runs) => `${runs.filter((r) => r.failures.length > 0).length} of ${runs.length} runs failed`;
console.log(
  `\nunit: ${tally(summary.unit)}${e2eRuns > 0 ? `; e2e: ${tally(summary.e2e)}` : ''}; details in ${values.out}`,
);
process.exit(summary.unit.concat(summary.e2e).some((r) => r.failures.length > 0) ? 1 : 0);
