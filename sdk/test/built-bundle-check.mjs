// Runs the minified build (dist/coreconsent.js and its lazy files) in real Chromium under a
// strict CSP (no 'unsafe-inline', no 'unsafe-eval'): banner shown, nothing gated runs before a
// choice, "Accept all" runs the tag, a reload applies the stored decision from IndexedDB without
// the banner, and no CSP violation is reported. Part of `npm run test:package`; the demo sites'
// full journeys live in e2e/.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from '../../scripts/find-chromium.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const NONCE = 'dGVzdG5vbmNl';
const PAGE = `<!doctype html><html lang="de"><head>
<script src="/coreconsent.js" nonce="${NONCE}" data-site="bundle-check" data-policy-version="v1" data-policy-url="/privacy" data-jurisdiction="gdpr" data-nonce="${NONCE}"></script>
</head><body><h1>Bundle check</h1>
<script type="text/plain" data-consent="analytics" nonce="${NONCE}">window.ranAnalytics = true;</script>
<script type="text/plain" data-consent="marketing" data-src="/marketing.js"></script>
<iframe data-consent="marketing" data-src="/frame.html" title="Video"></iframe>
</body></html>`;

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  res.setHeader(
    'content-security-policy',
    `default-src 'self'; script-src 'self' 'nonce-${NONCE}'; style-src 'self'`,
  );
  if (path === '/') return res.end(PAGE);
  if (path === '/frame.html') return res.end('<p>frame</p>');
  if (path === '/marketing.js') {
    res.setHeader('content-type', 'text/javascript');
    return res.end('window.ranMarketing = true;');
  }
  try {
    const body = readFileSync(join(dist, path.replace(/^\/+/, '')));
    res.setHeader('content-type', 'text/javascript');
    res.end(body);
  } catch {
    res.statusCode = 404;
    res.end();
  }
});

const found = findChromium();
if (!found) {
  console.log('built-bundle check skipped: no Chromium found (see scripts/find-chromium.mjs)');
  process.exit(0);
}
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const browser = await chromium.launch({
  executablePath: found.path,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '✔' : '✖'} ${what}`);
  if (!ok) failures.push(what);
};
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(e.violatedDirective),
    );
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  const accept = page.locator('coreconsent-ui [data-action="accept-all"]');
  await accept.waitFor({ timeout: 10_000 });
  check(
    (await accept.textContent()) === 'Alle akzeptieren',
    'banner in the page language (de), lazy translation loaded',
  );
  check(
    !(await page.evaluate(() => window.ranAnalytics || window.ranMarketing)),
    'no gated tag ran before a choice',
  );
  const allow = page.locator(
    'coreconsent-placeholder [data-action="allow-purpose"][data-purpose="marketing"]',
  );
  await allow.waitFor({ timeout: 5_000 });
  check(
    (await allow.textContent()) === 'Marketing erlauben',
    'a blocked embed shows a placeholder asking for its purpose',
  );
  await accept.click();
  await page.waitForFunction(() => window.ranAnalytics && window.ranMarketing, undefined, { timeout: 5_000 });
  check(true, 'accept all ran the inline (nonce) and external gated tags');
  check(
    (await page.locator('iframe[data-consent]').getAttribute('src')) === '/frame.html' &&
      (await page.locator('coreconsent-placeholder').count()) === 0,
    'the embed loaded and its placeholder left',
  );
  await page.reload();
  await page.waitForFunction(() => window.ranAnalytics && window.CoreConsent, undefined, { timeout: 5_000 });
  await page.waitForTimeout(200);
  check((await page.locator('coreconsent-ui [data-action="accept-all"]').count()) === 0, 'reload: no banner');
  const state = await page.evaluate(() => window.CoreConsent.get());
  check(state.decided && state.method === 'accept-all', 'reload: decision read back from IndexedDB');
  check(
    (await page.evaluate(() => window.cspViolations)).length === 0,
    'no CSP violation (no eval probe, no inline style)',
  );
  check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
} catch (error) {
  failures.push(String(error));
  console.error(error);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) process.exit(1);
