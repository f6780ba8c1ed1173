import { axeViolations } from './harness/axe.js';
import { expect, test } from './harness/fixtures.js';

// The demo sites themselves (no consent decision involved): what the contract says each site serves.

test('each site serves /.well-known/gpc.json as JSON declaring GPC support', async ({ request, sites }) => {
  for (const site of [sites.serviceDesk, sites.statusPortal]) {
    const response = await request.get(site.url('/.well-known/gpc.json'));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    expect(body).toEqual({ gpc: true, lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  }
});

test('the two sites are distinct origins with their own siteId and a strict CSP', async ({
  request,
  sites,
  server,
}) => {
  expect(new URL(sites.serviceDesk.origin).hostname).toBe('localhost');
  expect(new URL(sites.statusPortal.origin).hostname).toBe('127.0.0.1');
  for (const [site, id] of [
    [sites.serviceDesk, 'servicedesk'],
    [sites.statusPortal, 'status'],
  ] as const) {
    const response = await request.get(site.url('/'));
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ${server.url}`);
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`data-site="${id}"`);
    expect(html).toContain(`data-api="${server.url}"`);
    expect(html).toContain(`data-nonce="${nonce}"`);
  }
});

test('the jurisdiction and policy parameters set the script tag; a bad one is a 400 naming it', async ({
  page,
  request,
  sites,
}) => {
  await page.goto(sites.statusPortal.url('/', { jurisdiction: 'ccpa', policy: '2026-12-01' }));
  const tag = page.locator('script[data-site]');
  await expect(tag).toHaveAttribute('data-jurisdiction', 'ccpa');
  await expect(tag).toHaveAttribute('data-policy-version', '2026-12-01');
  await expect(page.getByRole('link', { name: 'California (CCPA)' })).toHaveAttribute('aria-current', 'page');
  // Links of the site keep the demo parameters.
  await expect(page.getByRole('link', { name: 'Privacy', exact: true })).toHaveAttribute(
    'href',
    '/privacy?jurisdiction=ccpa&policy=2026-12-01',
  );
  const bad = await request.get(sites.statusPortal.url('/', { jurisdiction: 'eu' as 'gdpr' }));
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toMatch(/jurisdiction: .*gdpr/);
});

test('/privacy renders the policy with the footer links', async ({ page, sites }) => {
  await page.goto(sites.serviceDesk.url('/privacy', { jurisdiction: 'none' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy Policy' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Data Retention' })).toBeVisible();
  await expect(page.getByText('Last updated: April 8, 2026')).toBeVisible();
  const footer = page.getByRole('contentinfo');
  await expect(footer.getByRole('button', { name: 'Cookie preferences' })).toHaveAttribute(
    'data-coreconsent',
    'open-preferences',
  );
  await expect(
    footer.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }),
  ).toBeVisible();
});

for (const [name, site, path] of [
  ['Service Desk home', 'serviceDesk', '/'],
  ['Status Portal home', 'statusPortal', '/'],
  ['privacy policy', 'serviceDesk', '/privacy'],
] as const) {
  test(`axe on the demo page itself (${name}, no banner: jurisdiction none)`, async ({ page, sites }) => {
    // axe on a long page takes seconds on a loaded 2-core machine.
    test.slow();
    await page.goto(sites[site].url(path, { jurisdiction: 'none' }));
    expect(await axeViolations(page)).toEqual([]);
  });
}
