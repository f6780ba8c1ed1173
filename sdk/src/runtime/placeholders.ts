import type { Purpose } from '@coreitsm/protocol';
import { fill, type Strings } from '../i18n/strings.js';

// Styles of the placeholder; a constructable stylesheet, so a strict CSP needs no 'unsafe-inline'.
const CSS = `:host{display:block}div{box-sizing:border-box;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.75rem;min-height:8rem;padding:1rem;border:1px dashed var(--coreconsent-border,#6b7280);border-radius:8px;background:var(--coreconsent-surface,#f3f4f6);color:var(--coreconsent-text,#111827);font:14px/1.4 system-ui,sans-serif;text-align:center}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:2px solid var(--coreconsent-accent,#1d4ed8);background:var(--coreconsent-accent,#1d4ed8);color:var(--coreconsent-on-accent,#fff);cursor:pointer}button:focus-visible{outline:3px solid var(--coreconsent-focus,#f59e0b);outline-offset:2px}@media (prefers-color-scheme:dark){div{background:var(--coreconsent-surface-dark,#1f2937);color:var(--coreconsent-text-dark,#f9fafb)}}`;
let sheet: CSSStyleSheet | undefined;

/**
 * An in-context placeholder before a blocked `<iframe data-consent>`: it names the purpose and
 * offers to allow that purpose only (`data-action="allow-purpose" data-purpose="…"` inside the
 * open shadow root of `<coreconsent-placeholder>`).
 */
export function ensurePlaceholder(
  frame: HTMLIFrameElement,
  purpose: Purpose,
  strings: Strings,
  onAllow: (purpose: Purpose) => void,
): void {
  if (frame.previousElementSibling?.localName === 'coreconsent-placeholder') return;
  const host = document.createElement('coreconsent-placeholder');
  const root = host.attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [sheet];
  const box = document.createElement('div');
  const text = document.createElement('p');
  const name = strings.purposes[purpose].name;
  text.textContent = fill(strings.placeholderText, { purpose: name });
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.action = 'allow-purpose';
  button.dataset.purpose = purpose;
  button.textContent = fill(strings.placeholderAllow, { purpose: name });
  button.addEventListener('click', () => onAllow(purpose));
  box.append(text, button);
  root.append(box);
  frame.before(host);
}
