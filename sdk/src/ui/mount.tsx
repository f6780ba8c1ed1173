import { render } from 'preact';
import { Banner } from './banner.js';
import { deepActiveElement } from './focus-trap.js';
import { followVisualViewport } from './follow-visual-viewport.js';
import type { PreferencesDialog } from './preferences-dialog.js';
import { CSS } from './styles.js';
import type { MountUi, UiContext, UiView } from './ui-contract.js';

/** Adds a stylesheet to the shadow root (the banner's first, the center's when it opens). */
function adoptStyles(root: ShadowRoot, css: string, nonce: string | null): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Old engines without constructable stylesheets: a <style> carrying the site's nonce.
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.append(style);
}

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): while the fixed banner shows, the page reserves its
 * height at the bottom — `scroll-padding-bottom` on <html> so focus scrolling keeps the focused
 * element above the banner, and the same space after the content (`padding-bottom` on <body>,
 * which moves nothing already laid out: no layout shift) so the last links can scroll clear of
 * it. Both are restored when the banner goes. Returns the function that turns it on or off.
 */
function bannerSpace(host: HTMLElement): (on: boolean) => void {
  const html = document.documentElement;
  let restore: (() => void) | null = null;
  return (on) => {
    if (on === (restore !== null)) return;
    if (!on) {
      restore?.();
      restore = null;
      return;
    }
    const body = document.body;
    const saved = { scroll: html.style.scrollPaddingBottom, padding: body?.style.paddingBottom ?? '' };
    const basePadding = body ? getComputedStyle(body).paddingBottom : '0px';
    const apply = () => {
      const covered = Math.max(0, Math.ceil(innerHeight - host.getBoundingClientRect().top));
      html.style.scrollPaddingBottom = `${covered}px`;
      if (body) body.style.paddingBottom = `calc(${basePadding} + ${covered}px)`;
    };
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(apply) : null;
    observer?.observe(host);
    apply();
    restore = () => {
      observer?.disconnect();
      html.style.scrollPaddingBottom = saved.scroll;
      if (body) body.style.paddingBottom = saved.padding;
    };
  };
}

type Preferences = typeof PreferencesDialog;
let preferences: Promise<{ PreferencesDialog: Preferences; PREFERENCES_CSS: string }> | undefined;
/**
 * The preference center (with Preact's hooks, the history and the rights form) is fetched when it
 * is first opened: a first visit needs only the banner. A failed fetch is retried next time.
 */
function loadPreferences() {
  preferences ??= import('./preferences-dialog.js').catch((error: unknown) => {
    preferences = undefined;
    throw error;
  });
  return preferences;
}

/**
 * The UI chunk's entry: one `<coreconsent-ui>` element at the end of `<body>` with an open
 * shadow root, rendering the banner or the preference center over the page (fixed: no layout
 * shift). The loader calls it once and drives it through the returned handle.
 */
export const mount: MountUi = (ctx: UiContext) => {
  const host = document.createElement('coreconsent-ui');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, CSS, ctx.nonce);
  const container = document.createElement('div');
  root.append(container);
  (document.body ?? document.documentElement).append(host);
  const reserveSpace = bannerSpace(host);
  followVisualViewport(host);

  let view: UiView | null = null;
  let Preferences: Preferences | undefined;
  let version = 0;
  let returnFocus: HTMLElement | null = null;

  const focusBanner = () => root.querySelector<HTMLElement>('[data-coreconsent-banner]')?.focus();
  const paint = () => {
    const closePreferences = () => {
      // Back to the banner if a decision is still due, else gone; focus returns where it was.
      view = ctx.state().promptReason !== null ? 'banner' : null;
      paint();
      const target = returnFocus;
      returnFocus = null;
      if (view === 'banner') focusBanner();
      else if (target?.isConnected) target.focus();
    };
    render(
      view === 'preferences' && Preferences ? (
        <Preferences key="pc" ctx={ctx} version={version} onClose={closePreferences} />
      ) : view === 'banner' ? (
        <Banner
          ctx={ctx}
          onCustomize={() => {
            handle.show('preferences').catch((error: unknown) => console.error('CoreConsent:', error));
          }}
          onDone={() => {
            view = null;
            paint();
          }}
        />
      ) : null,
      container,
    );
    reserveSpace(view === 'banner');
  };

  const handle = {
    async show(next: UiView) {
      if (next === 'preferences' && !Preferences) {
        const chunk = await loadPreferences();
        if (!Preferences) adoptStyles(root, chunk.PREFERENCES_CSS, ctx.nonce);
        Preferences = chunk.PreferencesDialog;
      }
      if (next === 'preferences' && view !== 'preferences') {
        const active = deepActiveElement(document);
        returnFocus = active instanceof HTMLElement && !root.contains(active) ? active : null;
      }
      view = next;
      paint();
      if (next === 'banner') focusBanner();
    },
    update() {
      version++;
      if (view === 'banner' && ctx.state().promptReason === null) view = null;
      paint();
    },
    hide() {
      view = null;
      paint();
    },
  };
  return handle;
};
