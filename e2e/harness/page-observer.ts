/**
 * Runs in every page before any of its scripts (an init script): it records the SDK's DOM events
 * and every CSP violation, so a test can ask what happened even before it got hold of the page.
 * Kept free of imports: Playwright serializes the function into the page.
 */
export function installPageObserver(): void {
  type Observed = { type: string; detail: unknown; at: number };
  const w = window as unknown as { __e2e?: { events: Observed[]; csp: string[] } };
  if (w.__e2e) return;
  const state = { events: [] as Observed[], csp: [] as string[] };
  w.__e2e = state;
  for (const type of ['coreconsent:ready', 'coreconsent:change']) {
    document.addEventListener(type, (event) => {
      let detail: unknown = null;
      try {
        detail = JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null));
      } catch {
        detail = '(not serializable)';
      }
      state.events.push({ type, detail, at: performance.now() });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    state.csp.push(
      `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
    );
  });
}

/** An init script that makes `navigator.globalPrivacyControl` true (this Chromium has no native GPC). */
export function enableGpc(): void {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
}
