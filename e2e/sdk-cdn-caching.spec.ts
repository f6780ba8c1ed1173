import type { CDPSession } from '@playwright/test';
import { ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';
import { installPageObserver } from './harness/page-observer.js';
import { stableName } from './harness/sdk-files.js';
import type {} from './harness/sdk-globals.js';

// Caching as a CDN serves it (issue 8): the SDK's lazy files carry content-hashed names and are kept
// for a year (`immutable`), so a returning visitor's browser does not even ask for them again; the
// script tag's `coreconsent.js` keeps its stable name and is revalidated; everything is compressed.
//
// Its own browser context: Playwright turns the HTTP cache off in a context with routes, and the
// suite's fixtures route the server's `POST /v1/subjects` (harness/subject-watcher.ts).

const HASHED = /\/consent\/coreconsent-[\w-]+\.[A-Za-z0-9_-]{8}\.js$/;

interface Seen {
  url: string;
  status: number;
  headers: Record<string, string>;
  fromCache: boolean;
}

/** Every SDK file the page loads, as the network (CDP) saw it: headers, and whether the cache answered. */
async function watchSdkFiles(cdp: CDPSession): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  const urls = new Map<string, string>();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    if (new URL(e.request.url).pathname.startsWith('/consent/')) urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const url = urls.get(e.requestId);
    const entry = url ? seen.get(url) : undefined;
    if (entry) entry.fromCache = true;
    else if (url) seen.set(url, { url, status: 200, headers: {}, fromCache: true });
  });
  cdp.on('Network.responseReceived', (e) => {
    if (!urls.has(e.requestId)) return;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const fromCache =
      Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache) ||
      seen.get(e.response.url)?.fromCache === true;
    seen.set(e.response.url, { url: e.response.url, status: e.response.status, headers, fromCache });
  });
  return seen;
}

test('lazy files have content-hashed names, are immutable and compressed; a returning visit takes them from the cache', async ({
  browser,
  sites,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(installPageObserver);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let seen = await watchSdkFiles(cdp);
    await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
    await waitForReady(page);
    await expect(ui.banner(page)).toBeVisible();
    await ui.action(page, 'accept-all').click();
    await expect(ui.banner(page)).toHaveCount(0);
    // After the choice the runtime loads (the demo has a server to deliver the record to).
    await expect
      .poll(() => [...seen.keys()].map((u) => stableName(new URL(u).pathname)))
      .toContain('/consent/coreconsent-full.js');

    const files = [...seen.values()];
    const tag = files.find((f) => new URL(f.url).pathname === '/consent/coreconsent.js');
    expect(tag, 'the script tag file').toBeDefined();
    expect(tag?.headers['cache-control']).toBe('no-cache');
    expect(tag?.headers.etag).toMatch(/^".+"$/);
    const lazy = files.filter((f) => new URL(f.url).pathname !== '/consent/coreconsent.js');
    expect(lazy.length).toBeGreaterThanOrEqual(3); // banner, its strings, the runtime (and more)
    for (const file of lazy) {
      expect(file.url, 'a lazy file carries its content hash').toMatch(HASHED);
      expect(file.headers['cache-control'], file.url).toBe('public, max-age=31536000, immutable');
    }
    for (const file of files) expect(file.headers['content-encoding'], file.url).toMatch(/^(br|gzip)$/);

    // The returning visit: an API call brings the runtime, and the cache answers for it.
    const runtime = lazy.find((f) => stableName(new URL(f.url).pathname) === '/consent/coreconsent-full.js');
    seen = await watchSdkFiles(cdp);
    await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
    await waitForReady(page);
    await page.evaluate(() => window.CoreConsent?.history());
    await expect
      .poll(() => seen.get(runtime?.url ?? '')?.fromCache, {
        message: 'the runtime came from the HTTP cache',
      })
      .toBe(true);
    // The stable name is asked again (revalidated: a new release shows at once).
    const again = [...seen.values()].find((f) => new URL(f.url).pathname === '/consent/coreconsent.js');
    expect(again?.fromCache).toBe(false);
  } finally {
    await context.close();
  }
});
