// Runs in the page before any of its scripts (an init script, serialized by Playwright: it must be self-contained).
// Records, as times since navigation start (performance.now()):
//  - `shown`: the first animation frame in which the banner has a box and is not visibility:hidden;
//  - `readable`: the first animation frame in which it is also effectively opaque (product of the opacities of it
//    and all its ancestors, across shadow roots, ≥ 0.99: a fade-in counts against it);
//  - `cls`: cumulative layout shift without recent input.
// Frames are polled only while a CMP's root element is on the page and its banner is not readable yet, and otherwise
// only after DOM mutations, so the observer costs (almost) nothing on a page without a banner: its own main-thread
// time must not differ between the no-CMP baseline and the libraries.

/** @param {{ watchBanner: boolean }} options watchBanner: poll frames while a banner may be fading in (first visits). */
export function observePage({ watchBanner }) {
  const bench = { shown: null, readable: null, cls: 0 };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });

  // Ours: the Accept button inside the banner's shadow root; cookieconsent: its consent modal; klaro: its notice.
  const banner = () =>
    document.querySelector('coreconsent-ui')?.shadowRoot?.querySelector('[data-action="accept-all"]') ??
    document.querySelector('#cc-main .cm') ??
    document.querySelector('#klaro .cookie-notice:not(.cookie-notice-hidden)');
  const cmpRoot = () => document.querySelector('coreconsent-ui, #cc-main, #klaro');
  const opacity = (el) => {
    let value = 1;
    let node = el;
    while (node && node.nodeType === 1) {
      value *= Number(getComputedStyle(node).opacity);
      node = node.parentElement ?? node.getRootNode().host;
    }
    return value;
  };

  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (bench.readable !== null) return;
    const el = banner();
    if (el) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
        bench.shown ??= performance.now();
        if (opacity(el) >= 0.99) {
          bench.readable = performance.now();
          mutations.disconnect();
          // Tells the bench without it polling the page (which would add main-thread time to the library's).
          console.debug('bench:readable');
          return;
        }
      }
    }
    // A root without a readable banner: a shadow root still rendering or a fade-in, neither of which mutates the
    // light DOM, so poll each frame (bounded, in case a library keeps an empty root).
    if (watchBanner && cmpRoot() !== null && performance.now() < 30_000) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(check);
  };
  const mutations = new MutationObserver(schedule);
  mutations.observe(document, { childList: true, subtree: true, attributes: true });
  schedule();
}
