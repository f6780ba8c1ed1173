import type { Jurisdiction } from '@coreitsm/protocol';
import type { ConsentState } from '../core/types.js';
import type { BannerStrings } from '../i18n/strings.js';
import { followVisualViewport } from './follow-visual-viewport.js';
import { CSS } from './styles.js';

/**
 * The first-layer notice in plain DOM (no Preact): a first visit shows it from the script tag's
 * critical path with nothing else loaded, and the preference center (Preact) shares its host.
 * One instance per page: it is part of the script tag, which hands it to the full runtime.
 *
 * Showing it reads no layout: the space it reserves and its place in the visual viewport are
 * measured by ResizeObservers, whose first answer comes after the browser's own layout of the next
 * frame and before its paint — no forced synchronous layout (10–20 ms at 1× CPU in the bench, with
 * the page's first layout still to do), and the first frame painted already has them right.
 */

export type BannerAction = 'accept-all' | 'reject-all' | 'customize' | 'do-not-sell' | 'limit-sensitive';
/** Runs a button's action; the banner ignores further decision clicks until it settles. */
export type BannerHandler = (action: BannerAction) => Promise<unknown>;

export interface BannerView {
  strings: BannerStrings;
  jurisdiction: Jurisdiction;
  policyUrl: string | null;
  nonce: string | null;
  state: ConsentState;
  /** `[data-policy-changes]` when a new policy version re-prompts (made by coreconsent-site.js), else null. */
  changes?: HTMLElement | null;
}

/** Adds a stylesheet to the shadow root (the banner's first, the center's when it opens). */
export function adoptStyles(root: ShadowRoot, css: string, nonce: string | null): void {
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
 * it. Both are restored when the banner goes.
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
    // The page's own padding, read at the first measure (style is clean then), before any of ours.
    let basePadding: string | undefined;
    const apply = () => {
      basePadding ??= body ? getComputedStyle(body).paddingBottom : '0px';
      const covered = Math.max(0, Math.ceil(innerHeight - host.getBoundingClientRect().top));
      html.style.scrollPaddingBottom = `${covered}px`;
      if (body) body.style.paddingBottom = `calc(${basePadding} + ${covered}px)`;
    };
    // Its first callback comes with the next frame's layout, before paint.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(apply) : null;
    if (observer) observer.observe(host);
    else apply();
    restore = () => {
      observer?.disconnect();
      html.style.scrollPaddingBottom = saved.scroll;
      if (body) body.style.paddingBottom = saved.padding;
    };
  };
}

let shell: { root: ShadowRoot; reserve: (on: boolean) => void } | undefined;

/** The open shadow root of the one `<coreconsent-ui>` (created at the end of `<body>` on first use). */
export function uiRoot(nonce: string | null): ShadowRoot {
  if (shell?.root.host.isConnected) return shell.root;
  const host = document.createElement('coreconsent-ui');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, CSS, nonce);
  (document.body ?? document.documentElement).append(host);
  shell = { root, reserve: bannerSpace(host) };
  followVisualViewport(host);
  return root;
}

type Child = Node | string | false | null | undefined;
function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

let current:
  | { section: HTMLElement; key: string; texts: Record<string, string>; focused: boolean }
  | undefined;
/**
 * Clicks on a banner shown before it has an owner (critical/early-banner.ts: shown while storage
 * still opens) wait here and go to the first owner `showBanner` is given: none is lost or doubled.
 */
const waiting: ((owner: BannerHandler) => void)[] = [];
const unowned: BannerHandler = (action) =>
  new Promise((resolve, reject) => waiting.push((owner) => owner(action).then(resolve, reject)));
let handler: BannerHandler = unowned;
let busy = false;

/** What the banner shows depends on these only: same key, same DOM (focus and clicks survive a new owner). */
const viewKey = (v: BannerView) =>
  [v.strings.bannerTitle, v.jurisdiction, v.policyUrl, v.state.gpcHonored, !!v.changes].join('\n');

/**
 * The banner's section, and the texts it puts on screen by role (`t` records each one as it is
 * drawn, so the two cannot disagree): what a decision made on it was made on (core/notice.ts
 * hashes them into the record's `noticeHash`).
 */
function render(v: BannerView): [HTMLElement, Record<string, string>] {
  const s = v.strings;
  const texts: Record<string, string> = {};
  const t = (role: keyof BannerStrings) => (texts[role] = s[role]);
  const button = (action: BannerAction, cls: string, role: keyof BannerStrings) =>
    el('button', { type: 'button', class: cls, 'data-action': action }, t(role));
  const us = v.jurisdiction === 'ccpa';
  // The policy changes note: its heading, then each version's line, in order.
  v.changes?.childNodes.forEach((node, i) => {
    texts[`policyChanges.${i}`] = node.textContent ?? '';
  });
  const section = el(
    'section',
    { class: 'banner', 'aria-labelledby': 'cc-banner-title', tabindex: '-1', 'data-coreconsent-banner': '' },
    el('h2', { id: 'cc-banner-title' }, t('bannerTitle')),
    el(
      'p',
      {},
      `${t('bannerText')} `,
      v.policyUrl && el('a', { href: v.policyUrl, target: '_blank', rel: 'noopener' }, t('policy')),
    ),
    v.changes,
    v.state.gpcHonored && el('p', { class: 'note', 'data-gpc-status': '' }, t('gpcHonored')),
    el(
      'div',
      { class: 'row' },
      button('accept-all', 'primary', 'acceptAll'),
      button('reject-all', 'primary', 'rejectAll'),
      button('customize', 'secondary', 'customize'),
    ),
    us &&
      el(
        'div',
        { class: 'row' },
        !v.state.gpcHonored && button('do-not-sell', 'link', 'doNotSell'),
        button('limit-sensitive', 'link', 'limitSensitive'),
      ),
  );
  return [section, texts];
}

/** The texts of the banner on screen now (null: none shown). */
export const shownTexts = (): Record<string, string> | null =>
  current?.section.isConnected ? current.texts : null;

function onClick(event: Event): void {
  const action = (event.target as Element | null)?.closest?.('[data-action]')?.getAttribute('data-action');
  if (!action) return;
  // A second click while the first decision is being stored must not record twice.
  if (action !== 'customize') {
    if (busy) return;
    busy = true;
  }
  handler(action as BannerAction)
    .catch((error: unknown) => console.error('CoreConsent:', error))
    .finally(() => {
      if (action !== 'customize') busy = false;
    });
}

/**
 * Shows the banner with `onAction` behind its buttons. Shown again with the same view, only the
 * handler changes: the full runtime takes over a banner the critical path put up.
 * `null`: no owner yet — clicks wait for the next call that gives one. The banner takes focus
 * once, when it first has an owner: the critical path may show it on a hint before storage has
 * answered (loader.ts), and a banner that storage then withdraws must not have moved the person's
 * focus or been announced.
 */
export function showBanner(view: BannerView, onAction: BannerHandler | null): void {
  handler = onAction ?? unowned;
  if (onAction) for (const handOver of waiting.splice(0)) handOver(onAction);
  const root = uiRoot(view.nonce);
  const key = viewKey(view);
  if (!(current?.section.isConnected && current.key === key)) {
    current?.section.remove();
    const [section, texts] = render(view);
    section.addEventListener('click', onClick);
    current = { section, key, texts, focused: false };
    root.append(section);
    shell?.reserve(true);
  }
  if (onAction && !current.focused) {
    current.focused = true;
    focusWithFrame(current.section);
  }
}

/**
 * Focuses the banner in the next animation frame, not now: `focus()` brings the document's style
 * up to date first, and while the page is still loading that is the whole page's first style pass —
 * 4–23 ms at 1× CPU traced in the bench, spent before the banner could be painted. In the frame's
 * own callback the browser does that pass once, for the focus and the paint alike. Fixed to the
 * viewport, the banner needs no scrolling into view. Skipped if it is gone or replaced meanwhile.
 */
function focusWithFrame(section: HTMLElement): void {
  const focus = () => {
    if (current?.section === section && section.isConnected) section.focus({ preventScroll: true });
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(focus);
  else focus();
}

export function hideBanner(): void {
  // Clicks still waiting for an owner were made on a banner that is withdrawn before storage ever
  // confirmed it (loader.ts shows it on a hint; a read that finds a decision takes it back, 5–20 ms
  // later): there is no decision to record, they settle as nothing.
  for (const handOver of waiting.splice(0)) handOver(async () => undefined);
  current?.section.remove();
  current = undefined;
  shell?.reserve(false);
}

export const bannerShown = (): boolean => current?.section.isConnected === true;
