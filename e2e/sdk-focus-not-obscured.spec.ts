import { focused, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// WCAG 2.2 SC 2.4.11 Focus Not Obscured (Minimum, AA): while the banner is open, a keyboard user
// tabbing through the page must see each focused element at least partly — the fixed banner may
// not hide it entirely (the footer's "Cookie preferences" link is the usual victim).

test('with the banner open, no focused page element is entirely hidden behind it', async ({
  page,
  sites,
}) => {
  await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
  await waitForReady(page);
  await expect(ui.banner(page)).toBeVisible();

  const hidden: string[] = [];
  const seen = new Set<string>();
  let checked = 0;
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.inUi) continue; // the banner's own controls are visible by construction
    const key = `${f.tag}|${f.text}|${f.coreconsent}`;
    if (seen.has(key)) break; // focus went round the whole page
    seen.add(key);
    checked += 1;
    const visible = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return true;
      const r = el.getBoundingClientRect();
      const xs = [r.left + 1, (r.left + r.right) / 2, r.right - 1];
      const ys = [r.top + 1, (r.top + r.bottom) / 2, r.bottom - 1];
      // Visible if any sample point inside the viewport hits the element rather than the overlay.
      return xs.some((x) =>
        ys.some((y) => {
          if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
          const hit = document.elementFromPoint(x, y);
          return hit !== null && hit.localName !== 'coreconsent-ui' && (hit === el || el.contains(hit));
        }),
      );
    });
    if (!visible) hidden.push(`${f.tag} "${f.text}"`);
  }
  expect(checked).toBeGreaterThan(10);
  expect([...seen].some((k) => k.includes('Cookie preferences'))).toBe(true);
  expect(hidden, 'focused elements entirely hidden behind the banner').toEqual([]);
});
