/**
 * Keeps the UI inside the visual viewport (what the screen shows) when it differs from the viewport
 * that `position: fixed` uses: a page wider than a phone's screen widens that viewport to the page
 * (a 900-px table on a 390-px phone), and pinch-zoom moves and shrinks the visual one. A banner fixed
 * to the bottom is then off-screen or cut off.
 *
 * It sets custom properties on the host — `--cc-vl`/`--cc-vb` (left and bottom insets) and
 * `--cc-vw`/`--cc-vh` (size), CSS px — which the `:host` and backdrop rules read, with the plain fixed
 * layout as fallback; CSSOM writes are allowed under a strict CSP (unlike `style` attributes in markup).
 * When both viewports agree nothing is set. The host lives as long as the page, so this never stops.
 */
export function followVisualViewport(host: HTMLElement): void {
  const vv = window.visualViewport;
  if (!vv) return;
  // The fixed viewport is measured, not computed: neither innerWidth/Height (scrollbars included) nor
  // the root's clientWidth/Height (the initial containing block: 390 px while the fixed viewport is
  // 900) is it in every case. An invisible fixed box spanning it tells.
  const probe = document.createElement('div');
  probe.style.cssText = 'position:fixed;inset:0;visibility:hidden;pointer-events:none';
  host.shadowRoot?.append(probe);
  let frame = 0;
  const place = () => {
    frame = 0;
    const fixed = probe.getBoundingClientRect();
    const values = [vv.offsetLeft - fixed.left, fixed.bottom - vv.offsetTop - vv.height, vv.width, vv.height];
    const agrees = [values[0], values[1], vv.width - fixed.width, vv.height - fixed.height].every(
      (d) => Math.abs(d ?? 0) < 1,
    );
    ['--cc-vl', '--cc-vb', '--cc-vw', '--cc-vh'].forEach((p, i) => {
      if (agrees) host.style.removeProperty(p);
      else host.style.setProperty(p, `${values[i]}px`);
    });
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(place);
  };
  // The first measure with the next frame's layout (a ResizeObserver's first callback comes after
  // it, before paint): placing it now would force a layout of the whole page while it loads.
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => place()).observe(probe);
  else place();
  vv.addEventListener('resize', schedule);
  vv.addEventListener('scroll', schedule);
}
