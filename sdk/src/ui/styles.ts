/**
 * The UI's stylesheet, adopted into the shadow root (constructable stylesheet: no `<style>` and
 * no inline styles, so a CSP without 'unsafe-inline' is fine). Theme through the custom
 * properties on the host page, e.g. `coreconsent-ui { --coreconsent-accent: #0f766e }`.
 * Default colours meet WCAG 2.2 AA: text #111827 on #fff is 17:1, white on #1d4ed8 is 6.7:1,
 * #f9fafb on #111827 is 16:1, #111827 on #93c5fd is 9.6:1.
 * Width `min(100%,100vw)`, not `left:0;right:0`: when a page is wider than a phone's screen, mobile
 * Chromium widens the fixed-position viewport to the page (a 520-px page on a 390-px phone), and a
 * banner spanning it is cut off at the right; `100vw` stays the screen's width (the initial containing
 * block), `100%` keeps desktop scrollbars out. Where the screen shows less than that viewport (the
 * page zoomed, or wider than the screen), follow-visual-viewport.ts sets the `--cc-v*` insets and size.
 * e2e/sdk-phone-viewport.spec.ts holds it.
 * This is what the banner needs; the preference center's rules come with it
 * (preferences-styles.ts), so a first visit does not download them.
 */
export const CSS = `
:host{all:initial;position:fixed;inset:auto auto var(--cc-vb,0) var(--cc-vl,0);width:var(--cc-vw,min(100%,100vw));z-index:2147483000;font:var(--coreconsent-font,15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
--a:var(--coreconsent-accent,#1d4ed8);--oa:var(--coreconsent-on-accent,#fff);--s:var(--coreconsent-surface,#fff);--t:var(--coreconsent-text,#111827);--m:var(--coreconsent-muted,#374151);--b:var(--coreconsent-border,#6b7280);--f:var(--coreconsent-focus,#1d4ed8);--r:var(--coreconsent-radius,10px)}
@media (prefers-color-scheme:dark){:host{--a:var(--coreconsent-accent-dark,#93c5fd);--oa:var(--coreconsent-on-accent-dark,#111827);--s:var(--coreconsent-surface-dark,#111827);--t:var(--coreconsent-text-dark,#f9fafb);--m:var(--coreconsent-muted-dark,#d1d5db);--b:var(--coreconsent-border-dark,#9ca3af);--f:var(--coreconsent-focus-dark,#93c5fd)}}
*{box-sizing:border-box}
.banner,.dialog{background:var(--s);color:var(--t);border:1px solid var(--b);border-radius:var(--r);box-shadow:0 8px 30px rgba(0,0,0,.25)}
.banner{margin:12px auto;max-width:62rem;width:calc(100% - 24px);padding:16px 20px;max-height:80vh;overflow:auto}
h2{font-size:1.15em;margin:0 0 6px}h3{font-size:1em;margin:18px 0 6px}p{margin:0 0 10px}
.row{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
button,select,input,textarea{font:inherit;color:inherit}
button{min-height:44px;padding:8px 16px;border-radius:8px;cursor:pointer;border:2px solid var(--a)}
.primary{background:var(--a);color:var(--oa)}.secondary{background:transparent;color:var(--t)}
.link{border:none;background:none;color:var(--t);text-decoration:underline;padding:8px 4px}
:focus-visible{outline:3px solid var(--f);outline-offset:2px}
a{color:inherit}
`;
