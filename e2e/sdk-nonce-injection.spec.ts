import { expectTagsRan, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// Issue 10, finding 4: under the demo's strict nonce CSP (script-src 'self' 'nonce-…'), markup an
// attacker injects into the page must stay stopped by that CSP even when it is shaped as a gated
// tag: the SDK releases a gated script with exactly the nonce its original carried, not the
// page's `data-nonce`.

const INJECTED_AT_LOAD = `<script type="text/plain" data-consent="necessary" id="injected-load">window.injected = (window.injected || []).concat('load');</script>
<script type="text/plain" data-consent="marketing" id="injected-marketing">window.injected = (window.injected || []).concat('marketing');</script>`;

test('a gated script injected without the nonce does not run under a strict nonce CSP', async ({
  page,
  sites,
}) => {
  // An HTML injection in the server's answer (as a stored XSS would be), CSP header unchanged.
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', `${INJECTED_AT_LOAD}</body>`);
    await route.fulfill({ response, body });
  });
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  expect(await page.evaluate(() => document.querySelector('meta[http-equiv]') === null)).toBe(true);
  // And one added after load, for the MutationObserver to pick up.
  await page.evaluate(() => {
    const late = document.createElement('script');
    late.type = 'text/plain';
    late.dataset.consent = 'necessary';
    late.textContent = "window.injected = (window.injected || []).concat('late');";
    document.body.append(late);
  });
  await ui.action(page, 'accept-all').click();
  // The site's own nonce-carrying inline tag (marketing) and its external tags still run.
  await expectTagsRan(page, ['analytics', 'functional', 'marketing', 'video']);
  // The SDK did release the injected ones (each original is marked) — and the CSP stopped them.
  await expect(page.locator('#injected-load[data-consent-released]')).toHaveCount(1);
  await expect(page.locator('#injected-marketing[data-consent-released]')).toHaveCount(1);
  await expect
    .poll(() => page.evaluate(() => window.__e2e?.csp.filter((v) => v.includes('script-src')).length ?? 0))
    .toBeGreaterThanOrEqual(3);
  expect(await page.evaluate(() => (window as { injected?: string[] }).injected ?? [])).toEqual([]);
});
