import type { Page } from '@playwright/test';
import { localHistory, ui, waitForReady } from './harness/consent-page.js';
import { expect, test } from './harness/fixtures.js';

// On a phone the banner must lie entirely inside the visual viewport, with every button reachable by a
// tap — also when the host page is wider than the screen (mobile Chromium then widens the layout
// viewport to the page, and a banner fixed to the layout viewport is cut off at the right).

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The visual viewport, and the banner and each of its buttons, in page (layout-viewport) pixels. */
async function geometry(page: Page) {
  return page.evaluate(() => {
    const vv = window.visualViewport;
    const viewport = vv
      ? {
          left: vv.offsetLeft,
          top: vv.offsetTop,
          right: vv.offsetLeft + vv.width,
          bottom: vv.offsetTop + vv.height,
        }
      : { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    const root = document.querySelector('coreconsent-ui')?.shadowRoot;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const banner = root?.querySelector('[data-coreconsent-banner]');
    const buttons = [...(root?.querySelectorAll('[data-action]') ?? [])].map((b) => {
      const r = b.getBoundingClientRect();
      const hit = root?.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      return {
        action: b.getAttribute('data-action') ?? '',
        box: box(b),
        // Reachable: a tap at its centre lands on the button (or inside it), not on something above it.
        reachable: hit !== null && hit !== undefined && (hit === b || b.contains(hit)),
      };
    });
    return {
      viewport,
      banner: banner ? box(banner) : null,
      buttons,
      pageWidth: document.documentElement.scrollWidth,
      screenWidth: document.documentElement.clientWidth,
    };
  });
}

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.bottom <= outer.bottom + 0.5;

async function expectBannerInsideVisualViewport(page: Page) {
  await expect(ui.banner(page)).toBeVisible();
  // Let a visual-viewport resize (the page zooming out to its width) settle before measuring.
  await expect
    .poll(async () => {
      const g = await geometry(page);
      return g.banner !== null && inside(g.banner, g.viewport);
    })
    .toBe(true);
  const g = await geometry(page);
  expect(g.buttons.map((b) => b.action).sort()).toEqual(['accept-all', 'customize', 'reject-all']);
  for (const button of g.buttons) {
    expect(inside(button.box, g.viewport), `${button.action} inside the visual viewport`).toBe(true);
    expect(button.reachable, `${button.action} reachable by a tap`).toBe(true);
  }
}

for (const width of [320, 390]) {
  test.describe(`a ${width}-px phone`, () => {
    test.use({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

    test('the demo pages fit the screen, and the banner lies inside the visual viewport', async ({
      page,
      sites,
    }) => {
      for (const site of [sites.serviceDesk, sites.statusPortal]) {
        await page.goto(site.url('/', { jurisdiction: 'gdpr' }));
        await waitForReady(page);
        const g = await geometry(page);
        expect(g.pageWidth, `${site.url()} is no wider than the screen`).toBeLessThanOrEqual(g.screenWidth);
        await expectBannerInsideVisualViewport(page);
        await ui.action(page, 'reject-all').tap();
        await expect(ui.banner(page)).toBeHidden();
      }
    });

    test('over a host page wider than the screen, the banner stays inside the visual viewport and works', async ({
      page,
      sites,
    }) => {
      // A page that overflows, as many real ones do: a 900-px table in the content.
      await page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const wide = document.createElement('div');
          wide.style.width = '900px';
          wide.style.height = '40px';
          wide.textContent = 'a wide table';
          document.body.prepend(wide);
        });
      });
      await page.goto(sites.serviceDesk.url('/', { jurisdiction: 'gdpr' }));
      await waitForReady(page);
      expect((await geometry(page)).pageWidth).toBeGreaterThan(width);
      await expectBannerInsideVisualViewport(page);
      // The preference center too: its dialog inside the visual viewport, Save reachable by a tap.
      await ui.action(page, 'customize').tap();
      await expect(ui.preferences(page)).toBeVisible();
      await expect
        .poll(() =>
          page.evaluate(() => {
            const root = document.querySelector('coreconsent-ui')?.shadowRoot;
            const dialog = root?.querySelector('[role="dialog"]')?.getBoundingClientRect();
            const vv = window.visualViewport;
            if (!dialog || !vv) return false;
            return (
              dialog.left >= vv.offsetLeft - 0.5 &&
              dialog.top >= vv.offsetTop - 0.5 &&
              dialog.right <= vv.offsetLeft + vv.width + 0.5 &&
              dialog.bottom <= vv.offsetTop + vv.height + 0.5
            );
          }),
        )
        .toBe(true);
      await ui.action(page, 'save').tap();
      await expect(ui.preferences(page)).toBeHidden();
      await expect.poll(async () => (await localHistory(page)).map((r) => r.method)).toEqual(['preferences']);
    });
  });
}
