// One run of one page variant at one CPU rate, in a fresh browser context: a first visit (banner, then "Accept
// all" once everything the page loads by itself has arrived) and a returning visit in the same context (the
// decision stored, the gated tag runs). Throws, with what the page saw, when a visit does not do what it should;
// the caller counts that as a failed run.
import { gzipOf, logNetwork } from './network-log.mjs';
import { observePage } from './page-observer.mjs';

// Network quiet for this long = the library has loaded all it loads before the person acts (its idle loads too).
const QUIET_MS = 1_000;
const VISIT_TIMEOUT_MS = 45_000;

/** How each library's "Accept all" is clicked, and how the bench knows the decision is stored. */
const ACCEPT = {
  async ours(page) {
    await page.locator('coreconsent-ui [data-action="accept-all"]').click();
    // Stored = history() reads the record back; polled from here because waitForFunction does not await a
    // promise-returning predicate.
    for (let tries = 0; ; tries++) {
      const stored = await page.evaluate(async () =>
        window.CoreConsent ? (await window.CoreConsent.history()).length : -1,
      );
      if (stored === 1) return;
      if (tries > 400) throw new Error(`ours: the decision never appeared in history() (${stored})`);
      await page.waitForTimeout(25);
    }
  },
  // The other build of ours (BENCH_BEFORE_SDK): the same page, the same click.
  before: (page) => ACCEPT.ours(page),
  async cookieconsent(page) {
    await page.locator('#cc-main').getByRole('button', { name: 'Accept all' }).first().click();
    await page.waitForFunction(() => document.cookie.includes('cc_cookie='), null, {
      timeout: VISIT_TIMEOUT_MS,
    });
  },
  async klaro(page) {
    await page.locator('#klaro .cookie-notice .cm-btn-success').click();
    await page.waitForFunction(() => document.cookie.includes('klaro='), null, { timeout: VISIT_TIMEOUT_MS });
  },
};

/** Main-thread time of the page's renderer so far (CDP Performance.getMetrics, seconds → ms). */
async function mainThreadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return { scriptMs: value('ScriptDuration'), taskMs: value('TaskDuration') };
}

/**
 * Resolves when the page logs `bench:<name>` (page-observer.mjs and the gated tag do), rejects after `timeoutMs`.
 * Waiting on a console message instead of `waitForFunction` keeps the bench's own polling out of the page's
 * main-thread time, which is measured.
 */
function signal(page, name, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', listener);
      reject(new Error(`no bench:${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (message) => {
      if (message.text() !== `bench:${name}`) return;
      clearTimeout(timer);
      page.off('console', listener);
      resolve();
    };
    page.on('console', listener);
  });
}

/** A new page in `context`, CPU-throttled and observed before it navigates. */
async function openPage(context, rate, watchBanner) {
  const page = await context.newPage();
  await page.addInitScript(observePage, { watchBanner });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  return { page, cdp, network: logNetwork(page) };
}

const failedFiles = (files) => files.filter((f) => f.status >= 400).map((f) => `${f.status} ${f.url}`);

async function firstVisit(context, url, kind, rate) {
  const { page, cdp, network } = await openPage(context, rate, true);
  const readable = kind === 'none' ? null : signal(page, 'readable', VISIT_TIMEOUT_MS);
  readable?.catch(() => undefined); // awaited below; not an unhandled rejection if goto fails first
  await page.goto(url, { waitUntil: 'load', timeout: VISIT_TIMEOUT_MS });
  if (readable !== null) {
    await readable.catch(async (error) => {
      const seen = await page.evaluate(() => ({ start: window.__benchStart, bench: window.__bench }));
      throw new Error(`first visit, no readable banner (${JSON.stringify(seen)}): ${error.message}`);
    });
  }
  // Everything the page loads by itself has arrived, and late layout shifts have had time to count.
  await network.quiet(QUIET_MS, VISIT_TIMEOUT_MS);
  // Read before anything of the bench's own runs in the page.
  const time = await mainThreadMs(cdp);
  const seen = await page.evaluate(() => ({ start: window.__benchStart ?? null, ...window.__bench }));
  const beforeAct = await network.snapshot();
  let afterChoice = beforeAct;
  if (kind !== 'none') {
    await ACCEPT[kind](page);
    await network.quiet(QUIET_MS, VISIT_TIMEOUT_MS);
    afterChoice = await network.snapshot();
  }
  await page.close();
  const failed = failedFiles(afterChoice);
  if (failed.length > 0) throw new Error(`first visit, failed downloads: ${failed.join(', ')}`);
  return {
    scriptStartMs: seen.start,
    bannerShownMs: seen.shown,
    bannerReadableMs: seen.readable,
    cls: seen.cls,
    ...time,
    bytesJsCss: gzipOf(beforeAct, ['js', 'css']),
    bytesJsCssAfterChoice: gzipOf(afterChoice, ['js', 'css']),
    files: beforeAct,
    filesAfterChoice: afterChoice.slice(beforeAct.length),
  };
}

async function returningVisit(context, url, kind, rate) {
  const { page, cdp, network } = await openPage(context, rate, false);
  const tagRan = kind === 'none' ? null : signal(page, 'tag', VISIT_TIMEOUT_MS);
  tagRan?.catch(() => undefined);
  await page.goto(url, { waitUntil: 'load', timeout: VISIT_TIMEOUT_MS });
  if (tagRan !== null) {
    await tagRan.catch(async (error) => {
      const seen = await page.evaluate(() => ({ start: window.__benchStart, bench: window.__bench }));
      throw new Error(
        `returning visit, the consented tag never ran (${JSON.stringify(seen)}): ${error.message}`,
      );
    });
  }
  await network.quiet(QUIET_MS, VISIT_TIMEOUT_MS);
  const time = await mainThreadMs(cdp);
  const seen = await page.evaluate(() => ({
    start: window.__benchStart ?? null,
    tag: window.__benchTag ?? null,
    ...window.__bench,
  }));
  const files = await network.snapshot();
  await page.close();
  if (seen.shown !== null) throw new Error('returning visit: the banner showed again');
  const failed = failedFiles(files);
  if (failed.length > 0) throw new Error(`returning visit, failed downloads: ${failed.join(', ')}`);
  return {
    scriptStartMs: seen.start,
    tagMs: seen.tag,
    cls: seen.cls,
    ...time,
    bytesJs: gzipOf(files, ['js']),
    bytesJsCss: gzipOf(files, ['js', 'css']),
    files,
  };
}

/** One run: `kind` at CPU throttle `rate`, first then returning visit, in a context of its own. */
export async function measureRun(browser, origin, kind, rate) {
  const context = await browser.newContext();
  const url = `${origin}/${kind}`;
  try {
    const first = await firstVisit(context, url, kind, rate);
    const returning = await returningVisit(context, url, kind, rate);
    return { first, returning };
  } finally {
    await context.close();
  }
}
